import { channel } from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { request as undiciRequest } from 'undici';
import { ProviderError } from '../provider';
import { classifyTransportError } from './transport-errors';
import { redactBody } from './redact';

/** One message per provider call, for metrics (server/observability subscribes); free when nobody listens. */
export const providerCallChannel = channel('paygraph:provider-call');

export interface ProviderCallEvent {
  provider: string;
  operation: string;
  /** `2xx`/`4xx`/`5xx` for an HTTP answer, else the transport error's code (e.g. TIMEOUT). */
  outcome: string;
  seconds: number;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Already encoded (JSON or form). Logged only after redaction. */
  body?: string;
  /** Overrides the provider timeout for this call. */
  timeoutMs?: number;
  /** A short name for logs and metrics: "payments.DB", "authToken". */
  operation: string;
  /** Body field names whose values are masked in the log (card.number, card.cvv, sKey…), on top of the defaults. */
  redactFields?: readonly string[];
  /** The engine's deadline: aborted → nothing is sent, and a call in flight is cancelled (indeterminate). */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The one way adapters reach a provider: a timeout on every call, errors classified, bodies logged redacted. */
export interface ProviderHttp {
  send(request: HttpRequest): Promise<HttpResponse>;
}

export interface ProviderHttpOptions {
  provider: string;
  timeoutMs: number;
  log: Logger;
}

/**
 * An HTTP call with a timeout, on undici's `request`: fetch's own engine without the WHATWG layer (streams,
 * Request/Response objects, resource timing), which cost about a tenth of a payment's CPU (docs/benchmarks.md,
 * third round). What can be told apart is: the connection was never made (retryable: nothing was sent), the call timed out or broke after the request left (indeterminate: the provider may have acted),
 * and any HTTP answer — returned as is, because only the adapter knows which 4xx bodies are declines.
 * 5xx is returned too; adapters usually hand it to `serverErrorToProviderError`.
 */
export function createProviderHttp(options: ProviderHttpOptions): ProviderHttp {
  const log = options.log.child({ provider: options.provider });
  const http: ProviderHttp = {
    async send(request) {
      const started = performance.now();
      const timeoutMs = request.timeoutMs ?? options.timeoutMs;
      // Redacting is a parse and a scrub of each body: done only for a line that is written (info is off in production).
      const logged = () => ({
        operation: request.operation,
        method: request.method,
        url: request.url,
        requestBody: request.body === undefined ? undefined : redactBody(request.body, request.redactFields),
      });
      let status: number;
      let headers: HttpResponse['headers'];
      let text: string;
      if (request.signal?.aborted) {
        log.warn({ ...logged(), error: 'DEADLINE' }, 'provider call not sent: the deadline has passed');
        throw deadlinePassed();
      }
      const bound = callSignal(timeoutMs, request.signal);
      try {
        const response = await undiciRequest(request.url, { method: request.method, headers: request.headers, body: request.body, signal: bound.signal });
        text = await response.body.text();
        ({ statusCode: status, headers } = response);
      } catch (error) {
        const classified = classifyTransportError(error, timeoutMs);
        publish({ provider: options.provider, operation: request.operation, outcome: classified.code, seconds: (performance.now() - started) / 1000 });
        log.warn({ ...logged(), ms: Math.round(performance.now() - started), error: classified.code }, 'provider call failed');
        throw classified;
      } finally {
        bound.done();
      }
      publish({ provider: options.provider, operation: request.operation, outcome: `${Math.floor(status / 100)}xx`, seconds: (performance.now() - started) / 1000 });
      if (log.isLevelEnabled('info')) {
        log.info(
          { ...logged(), status, ms: Math.round(performance.now() - started), responseBody: redactBody(text, request.redactFields) },
          'provider call',
        );
      }
      return { status, headers, text };
    },
  };
  return { send: (request) => traced(options.provider, request, () => http.send(request)) };
}

/**
 * The call's signal: aborted by its own timeout (a TimeoutError, as AbortSignal.timeout gives) or by the
 * engine's deadline (its reason). A plain timer that is cleared when the call ends: AbortSignal.timeout and
 * AbortSignal.any leave a timer and a listener behind per call until the timeout elapses.
 */
function callSignal(timeoutMs: number, outer?: AbortSignal): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`no answer within ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const follow = () => controller.abort(outer?.reason);
  outer?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', follow);
    },
  };
}

/** A span per provider call (a no-op unless tracing is on): provider and operation, never the body. */
function traced(provider: string, request: HttpRequest, call: () => Promise<HttpResponse>): Promise<HttpResponse> {
  const attributes = { 'paygraph.provider': provider, 'paygraph.provider.operation': request.operation, 'http.request.method': request.method };
  return trace.getTracer('paygraph').startActiveSpan(`provider ${provider} ${request.operation}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      const response = await call();
      span.setAttribute('http.response.status_code', response.status);
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof ProviderError ? error.code : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

function publish(event: ProviderCallEvent): void {
  if (providerCallChannel.hasSubscribers) providerCallChannel.publish(event);
}

/** The engine gave up on the operation; an earlier request of it may have reached the provider. */
export function deadlinePassed(): ProviderError {
  return new ProviderError('indeterminate', 'TIMEOUT', 'the deadline for this provider operation has passed');
}

/** Throws when the engine's deadline has passed: an adapter calls it before each further request it would send. */
export function throwIfDeadlinePassed(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw deadlinePassed();
}

/** 5xx: the provider may or may not have acted (Medusa: "API errors should be treated as indeterminate"). */
export function serverErrorToProviderError(response: HttpResponse): ProviderError {
  return new ProviderError('indeterminate', `HTTP_${response.status}`, `the provider answered HTTP ${response.status}`, response.status);
}
