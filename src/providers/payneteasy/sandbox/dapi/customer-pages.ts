import type { FastifyReply, FastifyRequest } from 'fastify';
import { decline, finish } from './processing';
import type { DapiInvoice, DapiSandboxState } from './state';

const page = (title: string, body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

function byToken(state: DapiSandboxState, token: string): DapiInvoice | undefined {
  return [...state.invoices.values()].find((i) => i.token === token && i.state === 'REDIRECT_REQUEST');
}

/** The sandbox's ACS: the cardholder passes or fails 3-D Secure; then Payneteasy asks the browser to close. */
export function acsPage(state: DapiSandboxState, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { token } = request.params as { token: string };
  if (!byToken(state, token)) return reply.code(404).type('text/html').send(page('Unknown session', ''));
  const form = (outcome: string, label: string) => `<form method="post"><input type="hidden" name="outcome" value="${outcome}"><button>${label}</button></form>`;
  return reply.type('text/html').send(page('3-D Secure (sandbox ACS)', form('pass', 'Authenticate') + form('fail', 'Fail authentication')));
}

export async function acsResult(state: DapiSandboxState, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { token } = request.params as { token: string };
  const inv = byToken(state, token);
  if (!inv?.redirectUrl?.includes('/__acs/')) return reply.code(404).type('text/html').send(page('Unknown session', ''));
  const passed = (request.body as Record<string, string> | undefined)?.outcome === 'pass';
  inv.secure3DAuthStatus = passed ? 'AUTHENTICATED' : 'NOT_AUTHENTICATED';
  if (passed) await finish(state, state.merchants.get(inv.endpointId)!, inv);
  else decline(inv, { errorCode: 200, errorMessage: '3-D Secure authentication failed' });
  return reply.type('text/html').send(page('Done', '<p>You can close this window.</p>'));
}

/** The random sum form: the cardholder enters the small amount held on the card (major units, e.g. 0.37). */
export function randomSumPage(state: DapiSandboxState, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { token } = request.params as { token: string };
  const inv = byToken(state, token);
  if (!inv?.randomSumCentis) return reply.code(404).type('text/html').send(page('Unknown session', ''));
  return reply.type('text/html').send(page('Random sum check', `<form method="post"><label>Amount held (${inv.currency}) <input name="amount"></label><button>Confirm</button></form>`));
}

/** Exact comparison in centis: "0.37" and "0.370" → 37; anything that is not a decimal amount is wrong. */
function centisOf(text: string | undefined): number | undefined {
  const match = /^(\d{1,6})(?:\.(\d{1,2})0*)?$/.exec(text?.trim() ?? '');
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : undefined;
}

export async function randomSumResult(state: DapiSandboxState, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { token } = request.params as { token: string };
  const inv = byToken(state, token);
  if (!inv?.randomSumCentis) return reply.code(404).type('text/html').send(page('Unknown session', ''));
  const right = centisOf((request.body as Record<string, string> | undefined)?.amount) === inv.randomSumCentis;
  inv.randomSumAuthStatus = right ? 'AUTHENTICATED' : 'NOT_AUTHENTICATED';
  if (right) await finish(state, state.merchants.get(inv.endpointId)!, inv);
  else decline(inv, { errorCode: 201, errorMessage: 'Random sum check failed' });
  return reply.type('text/html').send(page('Done', '<p>You can close this window.</p>'));
}
