import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { scrubText } from '../../security/scrub';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from './database-unavailable';

/** Fastify's codes for requests refused before any route ran, with messages a client can act on. */
const CLIENT_ERRORS: Record<string, { code: string; message: (limit: number) => string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: (limit) => `Request body is larger than the limit of ${limit} bytes.` },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: () => 'Unsupported Content-Type: send application/json.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'BAD_REQUEST', message: () => 'Request body is empty: send a JSON object with a "query".' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'BAD_REQUEST', message: () => 'Request body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: () => 'Content-Length does not match the body.' },
};

/**
 * Errors that escape a route: refused bodies (size, media type, broken JSON) keep their 4xx with a stable code
 * and a GraphQL-shaped body, so GraphQL clients can read them like any other error; an unreachable database
 * is 503 with Retry-After; everything else is a masked 500 whose correlation id is the request id in the log line.
 */
export function registerErrorHandler(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 && isDatabaseUnavailable(error)) {
      request.log.warn({ err: error, correlationId: request.id }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return send(reply, 503, UNAVAILABLE_MESSAGE, { code: 'SERVICE_UNAVAILABLE' });
    }
    if (status >= 500) {
      request.log.error({ err: error, correlationId: request.id }, 'internal error');
      return send(reply, 500, 'Internal server error', { code: 'INTERNAL_SERVER_ERROR', correlationId: request.id });
    }
    const known = CLIENT_ERRORS[error.code ?? ''];
    if (error instanceof SyntaxError && !known) {
      return send(reply, 400, 'Request body is not valid JSON.', { code: 'BAD_REQUEST' });
    }
    request.log.info({ code: error.code, statusCode: status }, 'request refused');
    const message = known ? known.message(bodyLimitBytes) : scrubText(error.message);
    return send(reply, status, message, { code: known?.code ?? 'BAD_REQUEST' });
  });
}

function send(reply: FastifyReply, status: number, message: string, extensions: Record<string, unknown>): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions }] });
}
