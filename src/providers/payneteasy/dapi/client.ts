import type { CallOptions, ProviderContext } from '../../provider';
import { ProviderError } from '../../provider';
import { serverErrorToProviderError } from '../../http/provider-http';
import { completeResponse, errorResponse, statusResponse, type StatusResponse } from './status-wire';
import type { Flow } from './wire';

/** What the gateway needs to ask about one DAPI session: recorded at Initiate and at the check. */
export interface DapiSessionRef {
  flow: Flow;
  endpointId: string;
  invoiceId: string;
  accessToken: string;
  /** Payneteasy's session token (from the check); without it Payneteasy cannot be asked. */
  token: string;
}

const REDACT = ['accessToken', 'token'] as const;

/**
 * The two app-facing DAPI calls the merchant server also makes: the status of a session, and "Complete
 * transfer" with the consumer's gate (https://gate.payneteasy.eu/paynet/dapi/v1/transfer/{endpointId}/{invoiceId}/{assignedId}).
 */
export class DapiClient {
  constructor(private readonly context: Pick<ProviderContext, 'baseUrl' | 'http'>) {}

  async status(ref: DapiSessionRef, options?: CallOptions): Promise<StatusResponse | 'not_found'> {
    const path = `/paynet/dapi/v1/${ref.flow}/${encodeURIComponent(ref.endpointId)}/${encodeURIComponent(ref.invoiceId)}/status`;
    const answer = await this.post(path, ref, `dapi.${ref.flow}.status`, options);
    if (answer.status === 200) {
      const parsed = statusResponse.safeParse(answer.json);
      if (!parsed.success) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'Payneteasy answered a status we cannot read', 200);
      return parsed.data;
    }
    const error = errorResponse.safeParse(answer.json);
    if (error.success && error.data.error.cause === 'ORDER_NOT_FOUND') return 'not_found';
    throw refusal(answer.status, answer.json);
  }

  /** Sent at most once per transfer (the engine's `choice` completion): a refusal is final, a lost answer indeterminate. */
  async completeTransfer(ref: DapiSessionRef, assignedId: string, options?: CallOptions): Promise<void> {
    const path = `/paynet/dapi/v1/transfer/${encodeURIComponent(ref.endpointId)}/${encodeURIComponent(ref.invoiceId)}/${encodeURIComponent(assignedId)}`;
    const answer = await this.post(path, ref, 'dapi.transfer.complete', options);
    if (answer.status === 200 && completeResponse.safeParse(answer.json).success) return;
    if (answer.status === 200) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'Payneteasy answered Complete transfer with a body we cannot read', 200);
    throw refusal(answer.status, answer.json);
  }

  private async post(path: string, ref: DapiSessionRef, operation: string, options?: CallOptions): Promise<{ status: number; json: unknown }> {
    const response = await this.context.http.send({
      method: 'POST',
      url: this.context.baseUrl + path,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ session: { accessToken: ref.accessToken, token: ref.token } }),
      operation,
      redactFields: REDACT,
      signal: options?.signal,
    });
    if (response.status >= 500) throw serverErrorToProviderError(response);
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json };
  }
}

function refusal(status: number, json: unknown): ProviderError {
  const error = errorResponse.safeParse(json);
  const cause = error.success ? error.data.error.cause : `HTTP_${status}`;
  const message = error.success ? (error.data.error.message ?? cause) : `Payneteasy answered HTTP ${status}`;
  return new ProviderError('final', cause, `Payneteasy refused the request: ${message}`, status);
}
