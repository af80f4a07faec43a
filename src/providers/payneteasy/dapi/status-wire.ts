import { z } from 'zod';

/**
 * Payneteasy's answers to the app-facing calls the gateway also makes (status, Complete transfer), in the
 * document's field names. An unknown `state` is kept as UNKNOWN (read as processing), never guessed.
 */
export const DAPI_STATES = ['PROCESSING', 'REDIRECT_REQUEST', 'TRANSFER_FEE_REQUEST', 'APPROVED', 'DECLINED'] as const;
export type DapiStateName = (typeof DAPI_STATES)[number] | 'UNKNOWN';

const centis = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]).transform((v) => BigInt(v));

export const statusResponse = z.object({
  invoiceId: z.string(),
  state: z.string().transform((s): DapiStateName => ((DAPI_STATES as readonly string[]).includes(s) ? (s as DapiStateName) : 'UNKNOWN')),
  redirectUrl: z.string().optional(),
  bankOrderId: z.string().optional(),
  orderId: z.string().optional(),
  errorCode: z.union([z.number(), z.string()]).optional(),
  errorMessage: z.string().optional(),
  secure3DAuthStatus: z.string().optional(),
  randomSumAuthStatus: z.string().optional(),
  transaction: z.object({ amountCentis: centis.optional(), commissionCentis: centis.optional() }).optional(),
  transferFeeList: z.array(z.object({ assignedId: z.string().min(1), commissionCentis: centis, currency: z.string().regex(/^[A-Z]{3}$/) })).optional(),
});
export type StatusResponse = z.infer<typeof statusResponse>;

export const errorResponse = z.object({
  error: z.object({ cause: z.string(), code: z.string().optional(), message: z.string().optional() }),
  invoiceId: z.string().optional(),
});

export const completeResponse = z.object({ invoiceId: z.string(), session: z.object({ token: z.string() }) });
