import { z } from 'zod';

/**
 * paysafecard REST field names (docs/paysafecard.md "Requests and responses"). They appear in this file only:
 * requests are built here from camelCase inputs, answers are read here into the schemas below.
 */
export const PATHS = {
  payments: '/v1/payments',
  payment: (id: string) => `/v1/payments/${encodeURIComponent(id)}`,
  capture: (id: string) => `/v1/payments/${encodeURIComponent(id)}/capture`,
  refunds: (paymentId: string) => `/v1/payments/${encodeURIComponent(paymentId)}/refunds`,
  refundCapture: (paymentId: string, refundId: string) => `/v1/payments/${encodeURIComponent(paymentId)}/refunds/${encodeURIComponent(refundId)}/capture`,
  payouts: '/v1/payouts',
  payout: (id: string) => `/v1/payouts/${encodeURIComponent(id)}`,
  payoutCapture: (id: string) => `/v1/payouts/${encodeURIComponent(id)}/capture`,
  payoutLimits: (currency: string) => `/v1/payouts/limits/${encodeURIComponent(currency)}`,
} as const;

/** The amount as the document's JSON number with exactly two decimals ("10.00"), never a float's rendering. */
export type WireAmount = unknown;

export interface WirePaymentRequest {
  type: 'PAYSAFECARD';
  amount: WireAmount;
  currency: string;
  redirect: { success_url: string; failure_url: string };
  notification_url: string;
  customer: { id: string; ip?: string; min_age?: number; kyc_level?: 'SIMPLE' | 'FULL'; country_restriction?: string };
  shop_id?: string;
  submerchant_id?: string;
}

export interface WireRefundRequest {
  type: 'PAYSAFECARD';
  amount: WireAmount;
  currency: string;
  customer: { id: string; email: string };
  capture: boolean;
  comment?: string;
}

export interface WirePayoutRequest {
  type: 'PAYSAFECARD';
  amount: WireAmount;
  currency: string;
  customer: { id: string; email: string; first_name: string; last_name: string; date_of_birth: string; psc_id?: number };
  capture: boolean;
  comment?: string;
}

const amount = z.union([z.number(), z.string()]);

export const customerResponse = z.object({
  id: z.string().optional(),
  ip: z.string().optional(),
  email: z.string().optional(),
  psc_id: z.union([z.number(), z.string()]).optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  date_of_birth: z.string().optional(),
  account_created: z.string().optional(),
});

export const refundResponse = z.object({
  id: z.string(),
  status: z.string(),
  amount,
  currency: z.string(),
  customer: z.object({ id: z.string().optional(), email: z.string().optional() }).optional(),
});

export const paymentResponse = z.object({
  id: z.string(),
  status: z.string(),
  amount,
  currency: z.string(),
  status_before_expiration: z.string().optional(),
  redirect: z.object({ auth_url: z.string().optional(), success_url: z.string().optional(), failure_url: z.string().optional() }).optional(),
  customer: customerResponse.optional(),
  payment_instrument_subtype: z.string().optional(),
  refunds: z.array(refundResponse).optional(),
});

export const payoutResponse = z.object({
  id: z.string(),
  status: z.string(),
  amount,
  currency: z.string(),
  customer_amount: amount.optional(),
  customer_currency: z.string().optional(),
});

export const payoutLimitsResponse = z.object({
  currency: z.string(),
  mid: z.union([z.string(), z.number()]).optional(),
  credit_line: amount.optional(),
  daily_payout_amount: amount,
  daily_payout_balance: amount,
  daily_payout_limit: amount,
  total_payment_amount: amount.optional(),
  total_payout_amount: amount.optional(),
  total_payout_balance: amount.optional(),
});

export const errorResponse = z.object({
  code: z.string(),
  message: z.string().optional(),
  number: z.union([z.number(), z.string()]).optional(),
  param: z.string().optional(),
});

/** The notification: the default form body, or the optional JSON one (docs/paysafecard.md "Notification"). */
export const formNotification = z.object({ mtid: z.string().min(1), eventType: z.string().optional(), serialNumbers: z.string().optional() });
export const jsonNotification = z.object({
  eventType: z.string().optional(),
  timestamp: z.number().optional(),
  data: z.object({ payment_id: z.string().min(1), mid: z.union([z.string(), z.number()]).optional() }),
});

export type PaymentResponse = z.infer<typeof paymentResponse>;
export type RefundResponse = z.infer<typeof refundResponse>;
export type PayoutResponse = z.infer<typeof payoutResponse>;
export type PayoutLimitsResponse = z.infer<typeof payoutLimitsResponse>;
export type CustomerResponse = z.infer<typeof customerResponse>;
export type ErrorResponse = z.infer<typeof errorResponse>;
