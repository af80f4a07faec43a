/**
 * PayNearMe API 3.0 bodies with the document's field names (PROTOCOL-NOTES "Endpoints used by the proxy flow").
 * Ids and amounts arrive as strings or numbers: both are read as text. Shapes the notes mark unverified
 * (get_fees, find_payment_methods, the scheduled-payment calls) are read leniently, unknown fields passed over.
 */
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text.optional();

/** {"status":"error","errors":[{"description":…}] | ["…"]} — the first description is what the caller sees. */
export const errorEnvelope = z.object({
  status: z.literal('error'),
  errors: z.array(z.union([z.object({ description: z.string() }).transform((e) => e.description), z.string()])).min(1),
  response_code: optionalText,
});

export const payment = z.object({
  payment_status: z.string(),
  pnm_payment_identifier: text,
  payment_method_identifier: optionalText,
  payment_amount: optionalText,
  net_payment_amount: optionalText,
  payment_fee_amount: optionalText,
  payment_currency: z.string().optional(),
  payment_type: z.string().optional(),
  site_payment_identifier: optionalText,
  decline_code: optionalText,
  decline_reason: z.string().optional(),
  /** When it was made (the sandbox's history carries it; not in PROTOCOL-NOTES' Payments object). */
  payment_date: z.string().optional(),
  /** Read when present: no document shows a payment naming the schedule that made it. */
  pnm_scheduled_payment_identifier: optionalText,
});
export type WirePayment = z.infer<typeof payment>;

export const account = z.object({
  payment_method_identifier: text,
  status: z.string(),
  account_type: z.string().optional(),
  number: optionalText,
  expiration_date: z.string().optional(),
  card_brand: z.string().optional(),
});
export type WireAccount = z.infer<typeof account>;

export const methodGroup = z.object({ type: z.string(), fee_amount: optionalText, accounts: z.array(account).default([]) });

const electronic = z.object({ payments: z.array(payment).default([]), payment_methods: z.array(methodGroup).default([]) });

export const order = z.object({
  pnm_order_identifier: text,
  site_order_identifier: optionalText,
  pnm_customer_identifier: optionalText,
  site_customer_identifier: optionalText,
  order_status: z.string().optional(),
  order_amount: optionalText,
  order_amount_due: optionalText,
  order_currency: z.string().optional(),
  smart_link: z.string().optional(),
  secure_smart_link: z.string().optional(),
  electronic_payments: electronic.optional(),
});
export type WireOrder = z.infer<typeof order>;

export const findOrdersReply = z.object({ status: z.literal('ok'), orders: z.array(order).min(1) });
export const getFeesReply = z.object({
  status: z.literal('ok'),
  site_channel: z.string().optional(),
  fees: z.array(z.object({ payment_method_type: z.string(), fee_amount: text, fee_currency: z.string().optional() })),
});
export const findPaymentMethodsReply = z.object({ status: z.literal('ok'), payment_methods: z.array(methodGroup).default([]) });
export const createPaymentMethodReply = z.object({
  status: z.literal('ok'),
  payment_method: account.optional(),
  order: z.object({ pnm_order_identifier: text, order_status: z.string().optional(), electronic_payments: electronic.optional() }),
});
export const paymentReply = z.object({ status: z.literal('ok'), payment });

export const scheduled = z.object({
  pnm_scheduled_payment_identifier: text,
  pnm_order_identifier: optionalText,
  payment_method_identifier: optionalText,
  payment_date: z.string(),
  payment_amount: optionalText,
  net_payment_amount: optionalText,
  payment_currency: z.string().optional(),
  scheduled_payment_status: z.string().optional(),
});
export type WireScheduled = z.infer<typeof scheduled>;
export const scheduleReply = z.object({ status: z.literal('ok'), scheduled_payment: scheduled });
export const findScheduledReply = z.object({ status: z.literal('ok'), scheduled_payments: z.array(scheduled).default([]) });

/** Body fields masked in logs on top of the HTTP kit's defaults. */
export const SECRET_FIELDS = ['payment_method_card_number_pii', 'payment_method_card_expiry_pii', 'payment_method_cvv_pii', 'cvv_pii', 'signature'] as const;
