import type { PayInput } from './pay.input';

// Only printable ASCII is let through here: for it, class-validator's length (which counts a surrogate pair or a
// variation selector as less than one character) is the string's length. Anything else goes to class-validator.
const PROVIDER = /^[\x20-\x7e]{1,64}$/;
const HOLDER_NAME = /^[\x20-\x7e]{1,100}$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const AMOUNT = /^-?\d+(\.\d+)?$/;

const absent = (value: unknown) => value === null || value === undefined;

/**
 * True only where class-validator accepts the pay input (validate-args.ts registerArgsCheck): the common card
 * sale, checked synchronously with exactly the decorators' rules (PayInput, MutationInput, MoneyInput,
 * PaymentSourceInput, CardInput). Every field with a rule this does not repeat (returnUrl, feeOptionId,
 * description, customerIp, a bank account) must be absent, or class-validator runs and answers as before.
 * class-validator cost about 2 % of a payment's CPU (a dynamic import and a metadata walk per request).
 */
export function payInputPasses(args: object): boolean {
  const input = args as PayInput;
  if (!absent(input.idempotencyKey) && !(typeof input.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(input.idempotencyKey))) return false;
  if (!absent(input.provider) && !(typeof input.provider === 'string' && PROVIDER.test(input.provider))) return false;
  if (!absent(input.returnUrl) || !absent(input.feeOptionId) || !absent(input.description) || !absent(input.customerIp)) return false;
  const { amount } = input;
  if (!amount || typeof amount.amount !== 'string' || amount.amount.length > 32 || !AMOUNT.test(amount.amount)) return false;
  return sourcePasses(input.source);
}

function sourcePasses(source: PayInput['source']): boolean {
  if (absent(source)) return true;
  if (!absent(source!.bankAccount)) return false;
  const card = source!.card;
  if (absent(card)) return true;
  return absent(card!.holderName) || (typeof card!.holderName === 'string' && HOLDER_NAME.test(card!.holderName));
}
