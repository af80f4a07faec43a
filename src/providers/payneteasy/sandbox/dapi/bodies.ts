import { z } from 'zod';
import { luhnOk } from './scenarios';

/** What Payneteasy accepts in "Perform …" and the status calls (its own reading of the document). */
const pan = z.string().regex(/^\d{9,19}$/).refine(luhnOk, 'the card number fails the Luhn check');
const cvv = z.string().regex(/^\d{3,4}$/);
const expiry = z.object({ month: z.number().int().min(1).max(12), year: z.number().int().min(2000).max(2100) });
const holder = z.object({ firstName: z.string().min(1).max(50).optional(), lastName: z.string().min(1).max(50).optional(), printedName: z.string().min(1).max(50).optional() });
export const newCard = z.object({ number: pan, securityCode: cvv, expiry, holder });
const reference = z.object({ clientCardId: z.string().min(1).max(128), securityCode: cvv.optional() });
const funds = z.object({ card: newCard.optional(), reference: reference.optional() }).refine((f) => !f.card !== !f.reference, 'exactly one of card, reference');
const destination = z
  .object({ card: z.object({ number: pan }).optional(), reference: z.object({ clientCardId: z.string().min(1).max(128) }).optional() })
  .refine((f) => !f.card !== !f.reference, 'exactly one of card, reference');

const common = {
  consumer: z.object({ device: z.object({ serialNumber: z.string().min(1).max(50) }), email: z.string().min(3).max(128) }),
  session: z.object({ accessToken: z.string().min(32).max(128), nonce: z.string().min(32).max(128), signature: z.string().min(32).max(128) }),
};
const currency = z.string().regex(/^[A-Z]{3}$/);
const amount = z.object({ currency, amountCentis: z.number().int().positive() });

export const performVerification = z.object({ ...common, sourceCard: newCard, transaction: z.object({ currency }) });
export const performSale = z.object({ ...common, sourceOfFunds: funds, transaction: amount });
export const performTransfer = z.object({ ...common, sourceOfFunds: funds, destinationOfFunds: destination, transaction: amount });
export const statusBody = z.object({ session: z.object({ accessToken: z.string().min(32).max(128), token: z.string().min(16).max(36) }) });

/** The merchant server's check answer, as far as Payneteasy reads it. */
export const checkAnswer = z.object({
  invoiceId: z.string(),
  session: z.object({ checkSignature: z.string(), nonce: z.string(), token: z.string() }),
  consumer: z.object({ email: z.string().optional(), birthDay: z.string().optional() }).optional(),
  billing: z.object({ phone: z.string().optional() }).optional(),
  transaction: z.object({ currency: z.string().optional() }).optional(),
  sourceOfFunds: z.object({ reference: z.object({ serverCardId: z.string() }).optional() }).optional(),
  destinationOfFunds: z.object({ reference: z.object({ serverCardId: z.string() }).optional() }).optional(),
});
export type CheckAnswer = z.infer<typeof checkAnswer>;

export const mappingAnswer = z.object({ invoiceId: z.string(), session: z.object({ checkSignature: z.string(), nonce: z.string(), token: z.string() }) });

/** Card number and CVV never appear in what the sandbox records. */
export function masked(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(masked);
  if (!body || typeof body !== 'object') return body;
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, k === 'number' && typeof v === 'string' ? `${v.slice(0, 6)}…${v.slice(-4)}` : k === 'securityCode' ? '***' : masked(v)]),
  );
}
