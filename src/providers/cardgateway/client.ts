import { serverErrorToProviderError, throwIfDeadlinePassed } from '../http/provider-http';
import { ProviderError, type ProviderContext } from '../provider';
import type { CardGatewayCredentials, PreparedRequest } from './requests';
import { safeJson, tokenCache } from './token-cache';
import { AUTH_HEADER, errorResponse, paymentResponse, SECRET_FIELDS, type PaymentReply } from './wire';

export type Answer = { kind: 'reply'; reply: PaymentReply } | { kind: 'not_found'; code: string; text: string };

/**
 * One call to the platform: authToken header (fetched, cached, renewed once on 401), JSON body, answer read
 * through the wire schemas. Timeouts and broken connections come from the HTTP kit as indeterminate; 5xx
 * and unreadable 200s are indeterminate too (the platform may have acted); 4xx are final.
 */
export class CardGatewayClient {
  constructor(
    private readonly context: ProviderContext,
    private readonly credentials: CardGatewayCredentials,
  ) {}

  /** `signal`: the engine's deadline; past it nothing more is sent — not even the retry after a 401. */
  async call(request: PreparedRequest, signal?: AbortSignal): Promise<Answer> {
    let token = await tokenCache.get(this.context.http, this.context.baseUrl, this.credentials, signal);
    let response = await this.send(request, token, signal);
    if (response.status === 401) {
      tokenCache.invalidate(this.context.baseUrl, this.credentials, token);
      token = await tokenCache.get(this.context.http, this.context.baseUrl, this.credentials, signal);
      throwIfDeadlinePassed(signal);
      response = await this.send(request, token, signal);
      if (response.status === 401) throw new ProviderError('final', 'INVALID_TOKEN', 'the card gateway refused a freshly issued authToken', 401);
    }
    if (response.status >= 500) throw serverErrorToProviderError(response);
    const body = safeJson(response.text);
    if (response.status === 200) {
      const parsed = paymentResponse.safeParse(body);
      if (!parsed.success) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'the card gateway answered with a body we cannot read', 200);
      return { kind: 'reply', reply: parsed.data };
    }
    const error = errorResponse.safeParse(body);
    const code = error.success ? error.data.resultCode : `HTTP_${response.status}`;
    const text = error.success ? error.data.resultText : `the card gateway answered HTTP ${response.status}`;
    if (response.status === 404) return { kind: 'not_found', code, text };
    throw new ProviderError('final', code, `the card gateway refused the request: ${text}`, response.status);
  }

  private send(request: PreparedRequest, token: string, signal: AbortSignal | undefined) {
    return this.context.http.send({
      method: 'POST',
      url: this.context.baseUrl + request.path,
      headers: { 'content-type': 'application/json', accept: 'application/json', [AUTH_HEADER]: token },
      body: JSON.stringify(request.body),
      operation: request.operation,
      redactFields: SECRET_FIELDS,
      signal,
    });
  }
}
