import type { z } from 'zod';
import { serverErrorToProviderError } from '../http/provider-http';
import { ProviderError, type ProviderContext } from '../provider';
import type { ProxyKeys } from './credentials';
import { errorCode } from './mapping';
import { checkIdentifiers, type PreparedCall } from './requests';
import { signed } from './signing';
import { errorEnvelope, SECRET_FIELDS } from './wire';

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One call to PayNearMe API 3.0: POST JSON to {base}/json-api/<call> with the envelope every proxy call carries
 * (site_identifier = the 3PPP's, proxy_site_identifier = the client site's, timestamp in Unix seconds, version
 * 3.0), signed. The provider's error text is kept whole in the ProviderError's message. 5xx and unreadable 2xx
 * are indeterminate (PayNearMe may have acted); refusals are final.
 */
export class PayNearMeClient {
  constructor(
    private readonly context: ProviderContext,
    private readonly keys: ProxyKeys,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async call<T extends z.ZodType>(prepared: PreparedCall, schema: T, signal?: AbortSignal): Promise<z.infer<T>> {
    checkIdentifiers(prepared.params);
    const params = {
      ...prepared.params,
      site_identifier: this.keys.siteIdentifier,
      proxy_site_identifier: this.keys.proxySiteIdentifier,
      timestamp: String(this.now()),
      version: '3.0',
    };
    const response = await this.context.http.send({
      method: 'POST',
      url: `${this.context.baseUrl.replace(/\/+$/, '')}/json-api/${prepared.call}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(signed(params, this.keys.secretKey)),
      operation: prepared.call,
      redactFields: SECRET_FIELDS,
      signal,
    });
    if (response.status >= 500) throw serverErrorToProviderError(response);
    const body = safeJson(response.text);
    const refused = errorEnvelope.safeParse(body);
    if (refused.success) {
      const description = refused.data.errors[0]!;
      throw new ProviderError('final', errorCode(description), description, response.status);
    }
    if (response.status >= 300) throw new ProviderError('final', `HTTP_${response.status}`, `PayNearMe answered HTTP ${response.status}`, response.status);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ProviderError('indeterminate', 'BAD_RESPONSE', `PayNearMe answered ${prepared.call} with a body we cannot read`, response.status);
    return parsed.data;
  }
}
