import { serverErrorToProviderError } from '../../http/provider-http';
import { ProviderError, type ProviderContext } from '../../provider';
import type { PreparedRequest } from './requests';
import { parseForm, SECRET_FIELDS, v2Response, type V2Response } from './wire';

/**
 * One API v2 call: a form-encoded POST, a form-encoded answer. Timeouts and broken connections come from the
 * HTTP kit as indeterminate; 5xx and an unreadable 200 are indeterminate too (Payneteasy may have acted);
 * other non-200 answers are final.
 */
export async function callV2(context: ProviderContext, request: PreparedRequest, signal?: AbortSignal): Promise<V2Response> {
  const response = await context.http.send({
    method: 'POST',
    url: context.baseUrl + request.path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: request.body,
    operation: request.operation,
    redactFields: SECRET_FIELDS,
    signal,
  });
  if (response.status >= 500) throw serverErrorToProviderError(response);
  if (response.status !== 200) throw new ProviderError('final', `HTTP_${response.status}`, `Payneteasy answered HTTP ${response.status}`, response.status);
  const parsed = v2Response.safeParse(parseForm(response.text));
  if (!parsed.success) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'Payneteasy answered with a body we cannot read', 200);
  return parsed.data;
}
