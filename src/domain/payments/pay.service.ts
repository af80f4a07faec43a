import type { EntityManager } from '@mikro-orm/postgresql';
import { CardData, cardBrand } from '../../providers/card-data';
import type { CustomerData, PayRequest, PaymentProvider, PaymentSource } from '../../providers/provider';
import { Secret } from '../../providers/secret';
import type { RawBankAccount } from '../../kernel/bank-account-validation';
import { claimPaymentMethod } from '../client-tokens/single-use';
import { PaymentMethod, PaymentMethodType } from '../payment-methods/payment-method.entity';
import { TransactionKind } from '../transactions/transaction-status';
import { Transaction, transactionCard } from '../transactions/transaction.entity';
import { TransactionEvent } from '../transactions/transaction-event.entity';
import { applyPaymentResult } from './apply-outcome';
import { quoteChosenFee, type ChosenFee } from './chosen-fee';
import { resolvePay, type PayCommand } from './pay-command';
import { settleOrder } from './order-settlement';
import type { MovementRef } from '../engine/movement-ref';
import { runPhases } from '../engine/phases';
import { insertRows, LockedRow, newRow } from '../engine/row-writes';
import { Site } from '../sites/site.entity';
import { Customer } from '../customers/customer.entity';
import { callProvider, type CallResult } from '../engine/provider-call';
import { adapterFor, customerData, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { callerScope, type Principal } from '../sites/principal';
import { loadActingSiteCredentials } from '../tenancy';

interface PayState {
  transactionId: string;
  adapter: PaymentProvider;
  request: PayRequest;
  saveMethod: boolean;
}

export function paymentUrls(env: PaymentsEnv, provider: string, reference: string): { returnUrl: string; notificationUrl: string } {
  const base = env.registry.publicUrl();
  return { returnUrl: `${base}/callbacks/${provider}/return/${reference}`, notificationUrl: `${base}/callbacks/${provider}` };
}

/** `pay`: a sale, or an authorization when capture is false. A decline is a result (status DECLINED), not an error. */
export async function pay(env: PaymentsEnv, principal: Principal, cmd: PayCommand, idempotencyKey?: string) {
  let chosenFee: ChosenFee | undefined;
  let recorded: Transaction | undefined;
  const answer = await runPhases<PayState, CallResult>(env, { scope: callerScope(principal), key: idempotencyKey, operation: 'pay', input: cmd }, {
    before: async () => void (chosenFee = await quoteChosenFee(env, principal, cmd)),
    prepare: (tx) => preparePayment(env, tx, principal, cmd, chosenFee),
    call: (state) => callProvider(deadlineOf(env), (options) => state.adapter.payments.pay(state.request, options)),
    record: async (tx, state, result) => {
      const { txn, response } = await recordPayment(env, tx, state, result);
      recorded = txn;
      return response;
    },
  });
  // The row phase 3 locked, wrote and committed is the payment as it stands: the answer needs no second read.
  return { ...answer, written: answer.recorded ? { transaction: recorded } : undefined };
}

async function preparePayment(env: PaymentsEnv, tx: EntityManager, principal: Principal, cmd: PayCommand, chosenFee?: ChosenFee): Promise<PayState & { movement: MovementRef }> {
  const site = await loadActingSiteCredentials(tx);
  const { module, order, customer, paymentMethod } = await resolvePay(env, tx, cmd);
  await claimPaymentMethod(tx, principal, paymentMethod);
  const adapter = await adapterFor(env, tx, site, module.key, principal.siteId);
  const reference = newReference('pay');
  // Inserted with one plain statement, outside the unit of work: a new row and its first event need no entity
  // (phase 3 reads the row fresh under its lock), and em.create + em.insert cost about 4 % of a payment's CPU.
  const created = newRow(Transaction, {
    site: site.id,
    order: order ?? undefined,
    customer: customer ?? undefined,
    paymentMethod: paymentMethod ?? undefined,
    provider: module.key,
    kind: cmd.capture ? TransactionKind.SALE : TransactionKind.AUTHORIZATION,
    amountMinor: cmd.amount.amountMinor,
    currency: cmd.amount.currency,
    reference,
    returnUrl: cmd.returnUrl,
    metadata: cmd.metadata ?? {},
    partnerSiteId: principal.siteId !== site.id ? principal.siteId : undefined,
    card: transactionCard(cmd.card ? summaryOf(cmd.card) : paymentMethod),
    feeOptionId: chosenFee?.optionId,
    feeMinor: chosenFee?.fee.amountMinor,
  });
  const txn = created.row;
  const txnId = txn.id as string;
  const fee = chosenFee ? { feeOptionId: chosenFee.optionId, feeMinor: chosenFee.fee.amountMinor.toString() } : {};
  const event = newRow(TransactionEvent, { transaction: txnId, type: 'created', amountMinor: cmd.amount.amountMinor, data: { provider: module.key, kind: txn.kind, ...fee, ...bankAccountSummary(cmd) } });
  await insertRows(tx, [created, event]);
  const request: PayRequest = {
    reference,
    amount: cmd.amount,
    capture: cmd.capture,
    source: paySource(cmd, paymentMethod),
    saveMethod: cmd.saveMethod,
    customer: withPayer(customerData(customer, cmd.customerIp), cmd.bankAccount),
    providerOrderId: order?.providerOrderId,
    feeOptionId: cmd.feeOptionId,
    description: cmd.description,
    ...paymentUrls(env, module.key, reference),
  };
  return { transactionId: txnId, adapter, request, saveMethod: !!cmd.saveMethod, movement: { kind: 'payment' as const, id: txnId } };
}

async function recordPayment(env: PaymentsEnv, tx: EntityManager, state: PayState, result: CallResult) {
  const locked = await LockedRow.lock(tx, Transaction, state.transactionId);
  if (!locked) throw new Error(`payment ${state.transactionId} written in phase 1 is gone`);
  const txn = locked.row;
  applyPaymentResult(locked.events, txn, result, 'response', env.log);
  let paymentMethodId: string | undefined;
  const saved = result.kind === 'outcome' ? result.outcome.savedMethod : undefined;
  if (state.saveMethod && saved && state.request.source.type === 'card') {
    const card = saved.card ?? state.request.source.card.summary;
    const method = tx.create(PaymentMethod, {
      site: tx.getReference(Site, txn.site.id),
      customer: txn.customer ? tx.getReference(Customer, txn.customer.id) : undefined,
      provider: txn.provider,
      type: PaymentMethodType.CARD,
      brand: card.brand,
      first6: card.first6,
      last4: card.last4,
      expMonth: card.expMonth,
      expYear: card.expYear,
      holderName: card.holderName,
      providerToken: saved.token,
    }, { persist: false });
    await tx.insert(method);
    txn.paymentMethod = method;
    paymentMethodId = method.id;
  }
  await locked.write();
  await settleOrder(tx, txn, env.log);
  return { txn, response: paymentMethodId ? { transactionId: txn.id, paymentMethodId } : { transactionId: txn.id } };
}


/** Brand, last four and expiry of the card given (the number itself goes only to the provider). */
function summaryOf(card: NonNullable<PayCommand['card']>) {
  return { brand: cardBrand(card.number), last4: card.number.slice(-4), expMonth: card.expMonth, expYear: card.expYear };
}

function paySource(cmd: PayCommand, paymentMethod: PaymentMethod | null): PaymentSource {
  if (cmd.card) return { type: 'card', card: new CardData(cmd.card.number, cmd.card.expMonth, cmd.card.expYear, cmd.card.cvc, cmd.card.holderName) };
  if (cmd.bankAccount) {
    const { routingNumber, accountNumber, holderName, checkNumber, checkDate } = cmd.bankAccount;
    return { type: 'bank_account', routingNumber, accountNumber: new Secret(accountNumber), holderName, checkNumber, checkDate };
  }
  return paymentMethod ? { type: 'token', token: paymentMethod.providerToken ?? '' } : { type: 'redirect' };
}

/** The bank account as the gateway keeps it: the routing number and the account's last four, never the number. */
function bankAccountSummary(cmd: PayCommand): { bankAccount?: { routingNumber: string; last4: string } } {
  if (!cmd.bankAccount) return {};
  return { bankAccount: { routingNumber: cmd.bankAccount.routingNumber, last4: cmd.bankAccount.accountNumber.slice(-4) } };
}

/** The payer given with a bank account fills what the customer record lacks (e-mail, name). */
function withPayer(customer: CustomerData | undefined, account: RawBankAccount | undefined): CustomerData | undefined {
  if (!account) return customer;
  const [first, ...rest] = (account.holderName ?? '').split(' ').filter(Boolean);
  return {
    ...customer,
    email: account.email ?? customer?.email,
    firstName: customer?.firstName ?? first,
    lastName: customer?.lastName ?? (rest.length ? rest.join(' ') : undefined),
  };
}
