import pino, { type DestinationStream, type Logger } from 'pino';
import { scrubText } from './scrub';

export type { Logger };

/**
 * Structured JSON logs. Headers that carry credentials are removed by path; card numbers, CVVs and API keys
 * that slip into any string (an error message, a provider body) are masked on the serialized line itself,
 * so no serializer or child logger can get around it.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination(1)): Logger {
  const scrubbing: DestinationStream = { write: (line: string) => destination.write(scrubText(line)) };
  return pino(
    {
      level,
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
