import { webhookHeaders } from './webhook-signing';

export interface SendResult {
  ok: boolean;
  status?: number;
  /** The first RESPONSE_EXCERPT characters of the body, for webhookDeliveries. */
  body?: string;
  error?: string;
  durationMs: number;
}

const RESPONSE_EXCERPT = 1024;

/**
 * One POST of one message. The timeout covers the whole exchange, body included: a receiver that answers slowly
 * is a failed attempt, retried later. Redirects are not followed (the specification's advice): a 3xx fails.
 */
export async function sendWebhook(request: { url: string; id: string; body: string; secrets: string[]; timeoutMs: number }): Promise<SendResult> {
  const started = Date.now();
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: { 'content-type': 'application/json', 'user-agent': 'paygraph-webhooks/1', ...webhookHeaders(request.secrets, request.id, new Date(), request.body) },
      body: request.body,
    });
    // PostgreSQL text cannot hold NUL: a receiver's binary answer must not make the attempt unrecordable.
    const body = (await response.text()).slice(0, RESPONSE_EXCERPT).replaceAll('\u0000', '');
    return { ok: response.status >= 200 && response.status < 300, status: response.status, body, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, error: classify(error, signal), durationMs: Date.now() - started };
  }
}

function classify(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'TIMEOUT';
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ? `CONNECTION_FAILED: ${cause.code}` : 'CONNECTION_FAILED';
}
