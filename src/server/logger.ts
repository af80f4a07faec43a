import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubLogLine } from '../security/scrub';
import { requestIdField } from './observability/request-context';

export type { Logger };

/** Headers that carry credentials or signatures: logged as present, never with their value. */
const SECRET_HEADER = /auth|cookie|key|token|secret|signature|checksum|control/i;

interface LoggedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/**
 * The request as logged: path without its query string (a GET /graphql carries variables there) and every
 * header, secret-looking ones replaced.
 */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  const headers = Object.fromEntries(
    Object.entries(req.headers ?? {}).map(([name, value]) => [name, SECRET_HEADER.test(name) ? '[redacted]' : value]),
  );
  return { method: req.method, path: req.url?.split('?')[0], headers, remoteAddress: req.ip };
}

/**
 * Structured JSON logs. Credential headers are replaced by the request serializer and by path; card numbers,
 * CVVs and API keys that slip into any string (an error message, a provider body) are masked on the
 * serialized line itself (parsed back, so the line stays valid JSON), so no serializer or child logger can
 * get around it.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(1)): Logger {
  const scrubbing: DestinationStream = { write: (line: string) => destination.write(scrubLogLine(line)) };
  return pino(
    {
      level,
      // Every line written while a request is handled names it, whichever logger wrote it.
      mixin: (_line, _level, logger) => requestIdField(logger),
      serializers: { req: serializeRequest, err: pino.stdSerializers.err },
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-api-key"]',
          '*.apiKey',
          '*.password',
          '*.secret',
          '*.cardNumber',
          '*.cvv',
          '*.cvc',
        ],
        censor: '[redacted]',
      },
    },
    scrubbing,
  );
}
