import { ProviderError, type ProviderOutcome } from '../../providers/provider';

export type CallResult = { kind: 'outcome'; outcome: ProviderOutcome } | { kind: 'error'; error: ProviderError };

/**
 * Phase 2: the provider call, outside any DB transaction, under an overall deadline (an adapter may make more
 * than one HTTP call, each with its own timeout). At the deadline the signal handed to `call` aborts: the
 * adapter's requests in flight are cancelled and nothing more is sent (a 401 retry or a token refresh after
 * the deadline would reach the provider after we reported the outcome unknown — the "not found" window then
 * judges a request sent later than we think). Anything unexpected is indeterminate: we cannot know that the
 * provider did nothing, so the reconciler must ask.
 */
export async function callProvider<T = ProviderOutcome>(
  deadlineMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<{ kind: 'outcome'; outcome: T } | { kind: 'error'; error: ProviderError }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProviderError('indeterminate', 'TIMEOUT', `no result from the provider within ${deadlineMs} ms`));
    }, deadlineMs);
  });
  try {
    return { kind: 'outcome', outcome: await Promise.race([call(controller.signal), deadline]) };
  } catch (error) {
    if (error instanceof ProviderError) return { kind: 'error', error };
    return { kind: 'error', error: new ProviderError('indeterminate', 'ADAPTER_ERROR', 'the provider call failed unexpectedly') };
  } finally {
    clearTimeout(timer);
  }
}

/** A ProviderError as the status it leaves an operation in: unknown (ask later) or failed (nothing happened). */
export function errorResult(error: ProviderError): { unknown: boolean; code: string; reason: string } {
  if (error.kind === 'indeterminate') return { unknown: true, code: error.code, reason: error.message };
  const code = error.kind === 'retryable' ? 'PROVIDER_UNAVAILABLE' : error.code;
  return { unknown: false, code, reason: error.message };
}
