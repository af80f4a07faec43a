import { z } from 'zod';

/**
 * The platform's field names (Paymentz REST v1, docs/cardgateway.md "Auth token", "Payments", "Callback
 * payload"). They appear in this file only: requests are built from camelCase inputs here, answers are read
 * here into camelCase shapes. Requests go as JSON whose keys are the documented dotted names
 * ("<parameter name>:<parameter value>"), exactly as the form-encoded variant would name them.
 */
export const PATHS = {
  authToken: '/transactionServices/REST/v1/authToken',
  payments: '/transactionServices/REST/v1/payments',
  payment: (id: string) => `/transactionServices/REST/v1/payments/${encodeURIComponent(id)}`,
  payout: '/transactionServices/REST/v1/payout',
  registrations: '/transactionServices/REST/v1/registrations',
  /** A saved card's own resource: payments with it (DB/PA) and its deletion (DL). */
  payWithToken: (registrationId: string) => `/transactionServices/REST/v1/paywithtoken/${encodeURIComponent(registrationId)}`,
} as const;

export const AUTH_HEADER = 'AuthToken';

/** Body names whose values the HTTP kit masks in logs, beyond its defaults. */
export const SECRET_FIELDS = ['card.number', 'card.cvv', 'authentication.sKey', 'authentication.checksum', 'AuthToken'] as const;

export const tokenRequest = (c: { partnerId: string; username: string; secureKey: string }) =>
  new URLSearchParams({ 'authentication.partnerId': c.partnerId, 'merchant.username': c.username, 'authentication.sKey': c.secureKey });

export interface WireCard {
  number: string;
  expiryMonth: string;
  expiryYear: string;
  cvv?: string;
  holder?: string;
}

export interface WireCustomer {
  email?: string;
  givenName?: string;
  surname?: string;
  phone?: string;
  ip?: string;
  birthDate?: string;
  street?: string;
  city?: string;
  postcode?: string;
  state?: string;
  country?: string;
}

export interface WireCommon {
  memberId: string;
  terminalId?: string;
  checksum: string;
}

export interface WirePayment extends WireCommon {
  paymentType: 'DB' | 'PA' | 'PO';
  merchantTransactionId: string;
  amount: string;
  currency: string;
  card?: WireCard;
  /** VISA, MASTER, AMEX…: required with card data (brands.ts). */
  paymentBrand?: string;
  recurringType?: 'INITIAL';
  createRegistration?: boolean;
  orderDescriptor?: string;
  merchantRedirectUrl?: string;
  notificationUrl?: string;
  customer?: WireCustomer;
}

type Fields = Record<string, string | undefined>;

const compact = (fields: Fields): Record<string, string> =>
  Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));

const authFields = (c: WireCommon): Fields => ({
  'authentication.memberId': c.memberId,
  'authentication.terminalId': c.terminalId,
  'authentication.checksum': c.checksum,
});

export function paymentBody(p: WirePayment): Record<string, string> {
  return compact({
    ...authFields(p),
    merchantTransactionId: p.merchantTransactionId,
    amount: p.amount,
    currency: p.currency,
    paymentType: p.paymentType,
    paymentBrand: p.paymentBrand,
    paymentMode: 'CC',
    orderDescriptor: p.orderDescriptor,
    'card.number': p.card?.number,
    'card.expiryMonth': p.card?.expiryMonth,
    'card.expiryYear': p.card?.expiryYear,
    'card.cvv': p.card?.cvv,
    'card.holder': p.card?.holder,
    recurringType: p.recurringType,
    createRegistration: p.createRegistration ? 'true' : undefined,
    merchantRedirectUrl: p.merchantRedirectUrl,
    notificationUrl: p.notificationUrl,
    'customer.email': p.customer?.email,
    'customer.givenName': p.customer?.givenName,
    'customer.surname': p.customer?.surname,
    'customer.phone': p.customer?.phone,
    'customer.ip': p.customer?.ip,
    'customer.birthDate': p.customer?.birthDate,
    'billing.street': p.customer?.street,
    'billing.city': p.customer?.city,
    'billing.postcode': p.customer?.postcode,
    'billing.state': p.customer?.state,
    'billing.country': p.customer?.country,
  });
}

/**
 * CP / RF / RV / IN against /payments/{id}. An inquiry by our reference (idType=MID) also names it in the body
 * as `merchantTransactionId`, as the vendor's inquiry sample does.
 */
export function backofficeBody(o: WireCommon & { paymentType: 'CP' | 'RF' | 'RV' | 'IN'; amount?: string; currency?: string; idType?: 'PID' | 'MID'; merchantTransactionId?: string }) {
  return compact({ ...authFields(o), paymentType: o.paymentType, amount: o.amount, currency: o.currency, idType: o.idType, merchantTransactionId: o.merchantTransactionId });
}

export function registrationBody(r: WireCommon & { merchantTransactionId: string; card: WireCard; paymentBrand: string; customer?: WireCustomer }) {
  return compact({
    ...authFields(r),
    merchantTransactionId: r.merchantTransactionId,
    paymentBrand: r.paymentBrand,
    paymentMode: 'CC',
    'card.number': r.card.number,
    'card.expiryMonth': r.card.expiryMonth,
    'card.expiryYear': r.card.expiryYear,
    'card.cvv': r.card.cvv,
    'card.holder': r.card.holder,
    'customer.email': r.customer?.email,
  });
}

/**
 * A payment with a saved card: POST /paywithtoken/{registrationId} with DB or PA and no card data but the CVV
 * when the customer gave it. `merchantTransactionId` is not in the vendor's samples of this call; it is sent
 * so that an inquiry by our reference (idType=MID) can find the payment after a lost answer.
 */
export const tokenPaymentBody = (p: Omit<WirePayment, 'card' | 'paymentBrand' | 'recurringType' | 'createRegistration'> & { cvv?: string }) =>
  compact({ ...paymentBody(p), 'card.cvv': p.cvv });

/** Deleting a registration: POST /paywithtoken/{registrationId} with paymentType=DL. */
export const deleteRegistrationBody = (c: WireCommon) => compact({ ...authFields(c), paymentType: 'DL' });

const id = z.union([z.string(), z.number()]).transform(String);
const result = z.object({ code: id, description: z.string().default('') });

export const tokenResponse = z
  .object({ AuthToken: z.string().min(1), result: result.optional() })
  .transform((t) => ({ token: t.AuthToken }));

export const errorResponse = z.object({ result }).transform((e) => ({ resultCode: e.result.code, resultText: e.result.description }));

export const paymentResponse = z
  .object({
    paymentId: id.optional(),
    paymentType: z.string().optional(),
    status: z.string().optional(),
    transactionStatus: z.string().optional(),
    amount: id.optional(),
    currency: z.string().optional(),
    merchantTransactionId: id.optional(),
    /** A stand-alone registration answers with the registration object's own `id`. */
    id: z.string().optional(),
    registrationId: z.string().optional(),
    result,
    remark: z.string().optional(),
    captureAmount: id.optional(),
    refundAmount: id.optional(),
    card: z.object({ bin: id.optional(), last4Digits: id.optional() }).optional(),
    redirect: z
      .object({
        url: z.url(),
        method: z.string().default('GET'),
        parameters: z.array(z.object({ name: z.string(), value: z.string() })).default([]),
      })
      .optional(),
  })
  .transform((r) => ({
    paymentId: r.paymentId,
    operation: r.paymentType,
    status: r.status,
    shortStatus: r.transactionStatus,
    amount: r.amount,
    currency: r.currency,
    reference: r.merchantTransactionId,
    registrationId: r.registrationId,
    savedCardId: r.id,
    resultCode: r.result.code,
    resultText: r.result.description,
    remark: r.remark,
    capturedAmount: r.captureAmount,
    refundedAmount: r.refundAmount,
    redirect: r.redirect && {
      url: r.redirect.url,
      method: r.redirect.method.toUpperCase() === 'POST' ? ('POST' as const) : ('GET' as const),
      fields: Object.fromEntries(r.redirect.parameters.map((p) => [p.name, p.value])),
    },
  }));

export type PaymentReply = z.output<typeof paymentResponse>;

/** The notification (and the redirect-back POST, whose `status` is the short one), read from a flat map. */
export const callbackPayload = z
  .object({
    paymentId: z.string().min(1),
    merchantTransactionId: z.string().min(1),
    amount: z.string().min(1),
    currency: z.string().optional(),
    status: z.string().optional(),
    transactionStatus: z.string().optional(),
    checksum: z.string().min(1),
    'result.code': z.string().optional(),
    'result.description': z.string().optional(),
    'card.bin': z.string().optional(),
    'card.last4Digits': z.string().optional(),
    timestamp: z.string().optional(),
  })
  .transform((c) => ({
    paymentId: c.paymentId,
    reference: c.merchantTransactionId,
    amount: c.amount,
    currency: c.currency,
    longStatus: c.transactionStatus === undefined ? undefined : c.status,
    shortStatus: c.transactionStatus ?? c.status ?? '',
    checksum: c.checksum,
    resultCode: c['result.code'],
    resultText: c['result.description'],
    cardBin: c['card.bin'],
    cardLast4: c['card.last4Digits'],
    timestamp: c.timestamp,
  }));

export type CallbackFields = z.output<typeof callbackPayload>;
