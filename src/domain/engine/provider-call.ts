import { DeclineReasonCode, ProviderError, type CallOptions, type ProviderOutcome } from '../../providers/provider';

export type CallResult = { kind: 'outcome'; outcome: ProviderOutcome } | { kind: 'error'; error: ProviderError };

/**
 * Phase 2: the provider call, outside any DB transaction, under an overall deadline (an adapter may make more
 * than one HTTP call, each with its own timeout). At the deadline the call's signal aborts, so the adapter
 * sends nothing after the outcome was recorded as unknown. Anything unexpected is indeterminate: we cannot
 * know that the provider did nothing, so the reconciler must ask.
 */
export async function callProvider<T = ProviderOutcome>(deadlineMs: number, call: (options: CallOptions) => Promise<T>): Promise<{ kind: 'outcome'; outcome: T } | { kind: 'error'; error: ProviderError }> {
  let timer: NodeJS.Timeout | undefined;
  const abort = new AbortController();
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ProviderError('indeterminate', 'TIMEOUT', `no result from the provider within ${deadlineMs} ms`);
      abort.abort(error);
      reject(error);
    }, deadlineMs);
  });
  try {
    return { kind: 'outcome', outcome: await Promise.race([call({ signal: abort.signal }), deadline]) };
  } catch (error) {
    if (error instanceof ProviderError) return { kind: 'error', error };
    return { kind: 'error', error: new ProviderError('indeterminate', 'ADAPTER_ERROR', 'the provider call failed unexpectedly') };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A ProviderError as the status it leaves an operation in: unknown (ask later) or failed (nothing happened:
 * the provider was unreachable, or refused the request itself).
 */
export function errorResult(error: ProviderError): { unknown: boolean; code: string; reason: string; reasonCode: DeclineReasonCode } {
  if (error.kind === 'indeterminate') return { unknown: true, code: error.code, reason: error.message, reasonCode: DeclineReasonCode.PROCESSING_ERROR };
  if (error.kind === 'retryable') return { unknown: false, code: 'PROVIDER_UNAVAILABLE', reason: error.message, reasonCode: DeclineReasonCode.PROCESSING_ERROR };
  return { unknown: false, code: error.code, reason: error.message, reasonCode: DeclineReasonCode.INVALID_REQUEST };
}
