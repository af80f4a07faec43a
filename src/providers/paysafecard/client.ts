import { serverErrorToProviderError } from '../http/provider-http';
import { ProviderError, type ProviderContext } from '../provider';
import { authorizationHeader, type PaysafecardCredentials, type PreparedRequest } from './requests';
import { errorResponse, type ErrorResponse } from './wire';

/** An answer read far enough to decide: the body of a 2xx, or paysafecard's refusal (4xx with its error body). */
export type Answer = { kind: 'ok'; body: unknown } | { kind: 'refused'; http: number; error: ErrorResponse };

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * One call to paysafecard's REST API with Basic auth. Broken connections and timeouts come from the HTTP kit
 * (indeterminate once sent); 5xx is indeterminate (paysafecard may have acted); 401/403 are final
 * (credentials, IP allow-list); other 4xx come back as refusals for the adapter to judge.
 */
export class PaysafecardClient {
  constructor(
    private readonly context: ProviderContext,
    private readonly credentials: PaysafecardCredentials,
  ) {}

  async call(request: PreparedRequest, signal?: AbortSignal): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: authorizationHeader(this.credentials.apiKey) };
    if (request.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
    if (request.correlationId) headers['correlation-id'] = request.correlationId;
    const response = await this.context.http.send({
      method: request.method,
      url: this.context.baseUrl + request.path,
      headers,
      body: request.body,
      operation: request.operation,
      redactFields: ['authorization'],
      signal,
    });
    if (response.status >= 500) throw serverErrorToProviderError(response);
    const body = safeJson(response.text);
    if (response.status >= 200 && response.status < 300) return { kind: 'ok', body };
    const parsed = errorResponse.safeParse(body);
    const error: ErrorResponse = parsed.success ? parsed.data : { code: `HTTP_${response.status}`, message: `paysafecard answered HTTP ${response.status}` };
    if (response.status === 401) throw new ProviderError('final', 'INVALID_CREDENTIALS', `paysafecard refused the API key: ${error.message ?? error.code}`, 401);
    if (response.status === 403) throw new ProviderError('final', 'FORBIDDEN', 'paysafecard refused this server (IP allow-list)', 403);
    return { kind: 'refused', http: response.status, error };
  }
}

/** A 2xx body read through its wire schema; an unreadable one is indeterminate (paysafecard may have acted). */
export function read<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, answer: Extract<Answer, { kind: 'ok' }>): T {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'paysafecard answered with a body we cannot read', 200);
  return parsed.data;
}

export const numberOf = (error: ErrorResponse): number | undefined => (error.number === undefined ? undefined : Number(error.number));

/** A refusal that is not a decline: the request itself was wrong, for good. */
export function refusedForGood(answer: Extract<Answer, { kind: 'refused' }>): ProviderError {
  const { error } = answer;
  return new ProviderError('final', String(error.number ?? error.code), `paysafecard refused the request: ${error.code}${error.param ? ` (${error.param})` : ''} ${error.message ?? ''}`.trim(), answer.http);
}
