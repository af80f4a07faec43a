/**
 * Result codes the sandbox answers with. Documented (docs/cardgateway.md "Statuses and result codes"): 00001,
 * 00004, 00026, 10001, 20007, 200. From a Paymentz white-label's published list: 10005, 10006, 10007, 10026 and
 * the 11xxx declines (scenarios.ts). The rest fill gaps the documents leave (pending, cancel and refund
 * success, request validation, tokens); the adapter's mapping.ts has its own copy of this table.
 */
export const RESULT = {
  succeeded: { code: '00001', description: 'Transaction succeeded' },
  pending: { code: '00002', description: 'Transaction pending' },
  cancelled: { code: '00003', description: 'Transaction cancelled successfully' },
  captured: { code: '00004', description: 'Transaction captured successfully' },
  refunded: { code: '00005', description: 'Transaction refunded successfully' },
  found: { code: '00026', description: 'Record found successfully' },
  registrationDeleted: { code: '00001', description: 'Registration deleted successfully' },
  token: { code: '200', description: 'Token generated successfully' },
  declined: { code: '10001', description: 'Transaction declined by authorization system' },
  captureFailed: { code: '10005', description: 'Capture transaction failed' },
  refundFailed: { code: '10006', description: 'Refund transaction failed' },
  cancelFailed: { code: '10007', description: 'Cancel transaction failed' },
  notFound: { code: '10026', description: 'Your record not found' },
  threeDsFailed: { code: '20007', description: 'Transaction declined: 3-D Secure authentication failed' },
  invalidRequest: { code: '30001', description: 'Invalid request' },
  invalidChecksum: { code: '30002', description: 'Checksum mismatch' },
  invalidToken: { code: '30003', description: 'Invalid or expired authToken' },
  invalidCredentials: { code: '30004', description: 'Invalid partnerId, username or secret key' },
} as const;

export type Result = { code: string; description: string };

export const withDetail = (result: Result, detail: string): Result => ({ code: result.code, description: `${result.description}: ${detail}` });

/** Long status → the short transactionStatus the callback signs (Y success, N failed, P pending, 3D, C cancelled). */
export function shortStatus(status: string): string {
  if (status === 'authstarted') return '3D';
  if (['authsuccessful', 'capturesuccess', 'settled', 'reversed', 'payoutsuccessful'].includes(status)) return 'Y';
  if (['authcancelled', 'cancelled'].includes(status)) return 'C';
  if (['begun', 'capturestarted', 'cancelstarted', 'markedforreversal', 'payoutstarted'].includes(status)) return 'P';
  return 'N';
}
