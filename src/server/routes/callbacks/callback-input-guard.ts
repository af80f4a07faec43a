import type { FastifyInstance } from 'fastify';
import { findUnsafeText, type UnsafeFinding } from '../../../security/unsafe-text';

/**
 * The callback routes take unauthenticated bodies that are only verified once the transaction they name has
 * been looked up, so their text reaches PostgreSQL before any signature is checked. A NUL byte or a lone
 * surrogate anywhere — path, query string, or body (raw, as a JSON escape or as a form escape) — is refused
 * here with a 400, before any handler runs.
 */
export function registerCallbackInputGuard(scope: FastifyInstance): void {
  scope.addHook('preValidation', async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const finding =
      findUnsafeText(request.params, ['params']) ?? findUnsafeText(request.query, ['query']) ?? (body ? unsafeBody(body) : undefined);
    if (!finding) return;
    request.log.info({ field: finding.path.slice(0, 2), problem: finding.problem }, 'callback refused: unsafe text');
    return reply.code(400).send({ result: 'rejected', reason: `the notification contains a ${finding.problem}` });
  });
}

/** The body as each provider may read it: raw bytes, JSON (with \u escapes decoded) or a form. */
function unsafeBody(body: Buffer): UnsafeFinding | undefined {
  if (body.includes(0)) return { path: ['body'], problem: 'NUL byte' };
  const text = body.toString('utf8');
  try {
    return findUnsafeText(JSON.parse(text), ['body']);
  } catch {
    return findUnsafeText(Object.fromEntries(safeForm(text)), ['body']);
  }
}

function safeForm(text: string): [string, string][] {
  try {
    return [...new URLSearchParams(text)];
  } catch {
    return [];
  }
}
