import { z } from 'zod';

/**
 * The Device API's field names (docs/payneteasy.md "Mobile Device API"), in this file only. Lengths are the
 * document's: serialNumber string(1-50), accessToken/nonce/signature string(32-128), session token
 * string(16-36), clientCardId string(1-128), currency 3 upper-case letters.
 */
export type Flow = 'verification' | 'sale' | 'transfer';

const serialNumber = z.string().min(1).max(50);
const accessToken = z.string().min(32).max(128);
const sessionValue = z.string().min(32).max(128);
const sessionToken = z.string().min(16).max(36);
const clientCardId = z.string().min(1).max(128);
const currency = z.string().regex(/^[A-Z]{3}$/);
const device = z.object({ serialNumber, imei: z.string().min(14).max(16).optional() });
const reference = z.object({ reference: z.object({ clientCardId: clientCardId.optional() }).optional() }).optional();

/** Initiate verification / sale / transfer, sent by the app. Amount only for sale and transfer. */
export const initiateRequest = z.object({
  consumer: z.object({ device, ipAddresses: z.array(z.string().min(7).max(15)).max(10).optional() }),
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).optional(),
  session: z.object({ accessToken }),
  transaction: z.object({ currency, amountCentis: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional() }),
  fromBin: z.string().regex(/^\d{6}$/).optional(),
  toBin: z.string().regex(/^\d{6}$/).optional(),
});
export type InitiateRequest = z.infer<typeof initiateRequest>;

/** Check verification / sale / transfer, sent by Payneteasy: what the app sent it, echoed. */
export const checkRequest = z.object({
  consumer: z.object({ device: z.object({ serialNumber }) }),
  session: z.object({ accessToken, nonce: sessionValue, signature: sessionValue, token: sessionToken }),
  sourceOfFunds: reference,
  destinationOfFunds: reference,
});
export type CheckRequest = z.infer<typeof checkRequest>;

const cardReference = z.object({ serverCardId: z.string().min(1).max(64), uniqueReferenceCardId: z.union([z.number().int(), z.string().regex(/^\d{1,19}$/)]).optional() });
const mappedCard = z.object({ bin: z.union([z.number().int(), z.string().regex(/^\d{6,8}$/)]).optional(), reference: cardReference.optional() });

/**
 * Card-mapping notification, sent by Payneteasy. The verification notification puts the reference at the top
 * (`reference`, `sourceCard.bin`); sale and transfer put it inside `sourceCard` / `destinationCard`.
 */
export const notificationRequest = z.object({
  consumer: z.object({ device: z.object({ serialNumber }) }),
  session: z.object({ accessToken, token: sessionToken }),
  reference: cardReference.optional(),
  sourceCard: mappedCard.optional(),
  destinationCard: mappedCard.optional(),
});
export type NotificationRequest = z.infer<typeof notificationRequest>;

/** The app's own request for its saved cards (a gateway route beside the document's). */
export const cardsRequest = z.object({ consumer: z.object({ device: z.object({ serialNumber }) }), session: z.object({ accessToken }) });

/** Where the app's access token and device are in every app-sent body. */
export function appCredentialsOf(body: unknown): { accessToken?: string; deviceId?: string } {
  const b = body as { session?: { accessToken?: unknown }; consumer?: { device?: { serialNumber?: unknown } } } | undefined;
  const token = b?.session?.accessToken;
  const serial = b?.consumer?.device?.serialNumber;
  return { accessToken: typeof token === 'string' ? token : undefined, deviceId: typeof serial === 'string' ? serial : undefined };
}

/** Error causes the merchant server may answer with (Initiate/Check/notification responses). */
export type MerchantErrorCause = 'FILTERED' | 'INVALID_REQUEST' | 'SERVER_FAILED' | 'SERVER_UNAVAILABLE';

export const PATH = {
  initiate: { verification: '/verification/initiate-verification', sale: '/transfer/initiate-sale', transfer: '/transfer/initiate-transfer' },
  check: { verification: '/verification/:invoiceId/check', sale: '/sale/:invoiceId/check', transfer: '/transfer/:invoiceId/check' },
  notification: { verification: '/verification/notification', sale: '/sale/notification', transfer: '/transfer/notification' },
  cards: '/cards',
} as const satisfies Record<string, unknown>;
