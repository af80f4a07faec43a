import type { FastifyReply } from 'fastify';

/** A request body as the gateway reads it: form fields, leading and trailing whitespace omitted (the document's note). */
export function readForm(body: unknown): Record<string, string> {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  const out: Record<string, string> = {};
  // The document's example puts each "&name=value" on its own line; those line breaks are not part of values.
  for (const [name, value] of new URLSearchParams(text.replace(/\r?\n&/g, '&').trim())) out[name.trim()] = value.trim();
  return out;
}

/** The response format: text/html;charset=utf-8, form-encoded pairs, a 0xA after each value. */
export function formReply(reply: FastifyReply, fields: Record<string, string | undefined>): FastifyReply {
  const pairs = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(value + '\n').replace(/%20/g, '+')}`);
  return reply.code(200).header('content-type', 'text/html;charset=utf-8').send(pairs.join('&'));
}

/** The account number as the sandbox records it: last four only. */
export function maskAccount(fields: Record<string, string>): Record<string, string> {
  const out = { ...fields };
  if (out.account_number) out.account_number = `****${out.account_number.slice(-4)}`;
  if (out.control) out.control = `${out.control.slice(0, 6)}…`;
  return out;
}
