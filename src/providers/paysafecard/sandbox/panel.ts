import type { FastifyInstance } from 'fastify';
import { asText } from './amounts';
import { customerActs, markRedirected, type CustomerChoice } from './authorize';
import { expireIfDue } from './payments';
import type { SandboxPayment, SandboxState } from './state';

const PANEL = '/psccustomer/GetCustomerPanelServlet';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

function panelPage(state: SandboxState, p: SandboxPayment, message?: string): string {
  const options = state.accounts.filter((a) => a.active).map((a) => `<option value="${escape(a.email)}">${escape(`${a.firstName} ${a.lastName} <${a.email}>`)}</option>`);
  const form = (choice: string, label: string, extra = '') =>
    `<form method="post" action="${PANEL}"><input type="hidden" name="mtid" value="${escape(p.id)}"><input type="hidden" name="choice" value="${choice}">${extra}<button type="submit" id="${choice}">${label}</button></form>`;
  return page(`Pay ${asText(p.amountCents)} ${p.currency} with paysafecard`, [
    message ? `<p role="alert" id="message">${escape(message)}</p>` : '',
    form('account', 'Pay with my paysafecard', `<label>Account <select name="email" id="email">${options.join('')}</select></label>`),
    form('accountless', 'Pay with paysafecard PIN'),
    form('cancel', 'Cancel'),
  ].join(''));
}

/**
 * The customer panel at auth_url: the test customer picks a seeded my paysafecard account, pays with PINs
 * (account-less), or cancels, and is sent back to success_url or failure_url.
 */
export function registerPanelRoutes(app: FastifyInstance, state: SandboxState): void {
  app.get(PANEL, async (request, reply) => {
    const payment = state.payments.get(String((request.query as Record<string, string>).mtid ?? ''));
    if (!payment) return reply.code(404).type('text/html; charset=utf-8').send(page('Payment not found', '<p>This payment does not exist.</p>'));
    expireIfDue(state, payment);
    markRedirected(payment);
    const open = payment.status === 'REDIRECTED';
    const html = open ? panelPage(state, payment) : page('Payment closed', `<p id="message">This payment is ${payment.status.toLowerCase()}.</p>`);
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.post(PANEL, async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string>;
    const payment = state.payments.get(form.mtid ?? '');
    if (!payment) return reply.code(404).type('text/html; charset=utf-8').send(page('Payment not found', '<p>This payment does not exist.</p>'));
    const choice: CustomerChoice = form.choice === 'account' ? { kind: 'account', email: form.email ?? '' } : form.choice === 'accountless' ? { kind: 'accountless' } : { kind: 'cancel' };
    const result = customerActs(state, payment, choice);
    if (!result.ok) return reply.code(422).type('text/html; charset=utf-8').send(panelPage(state, payment, result.message));
    return reply.redirect(result.redirectTo, 303);
  });
}
