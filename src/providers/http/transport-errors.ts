import { ProviderError } from '../provider';

/** Connection-level codes that mean the request never reached the provider, so repeating it is safe. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Transport failures (undici's, or fetch's, which wrap the same cause) → ProviderError. A timeout or a connection that broke after the request was written is
 * indeterminate: the provider may have charged, so the engine must ask for the status rather than retry.
 */
export function classifyTransportError(error: unknown, timeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new ProviderError('indeterminate', 'TIMEOUT', `the provider did not answer within ${timeoutMs} ms`);
  }
  const code = causeCode(error);
  if (code && NOT_SENT.has(code)) {
    return new ProviderError('retryable', 'UNREACHABLE', `the provider could not be reached (${code})`);
  }
  return new ProviderError('indeterminate', code ?? 'TRANSPORT', 'the connection to the provider failed mid-request');
}
