import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ShopServer {
  origin: string;
  /** Every request the shop's own server received, with its body: the card number must never be among them. */
  received: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}

/**
 * The merchant's checkout page as a browser gets it: the client token its server created, the gateway URL and
 * the registered hashes of the two trusted documents. The card form is posted by script straight to the gateway;
 * the shop's server never sees it.
 */
export function checkoutPage(config: { gateway: string; token: string; orderId: string; hashes: Record<string, string> }): string {
  return `<!doctype html><html><body>
<form id="checkout"><input id="number" autocomplete="cc-number"><input id="exp-month"><input id="exp-year"><input id="cvc">
<button type="submit">Pay</button></form><pre id="result"></pre>
<script>
const CONFIG = ${JSON.stringify(config)};
async function gql(operationName, variables, options = {}) {
  const body = options.query ? { query: options.query, variables } : { operationName, variables, extensions: { persistedQuery: { version: 1, sha256Hash: CONFIG.hashes[operationName] } } };
  const response = await fetch(CONFIG.gateway + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + (options.token || CONFIG.token) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
window.pageGql = gql;
document.getElementById('checkout').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = (id) => document.getElementById(id).value;
  const card = { number: value('number'), expMonth: Number(value('exp-month')), expYear: Number(value('exp-year')), cvc: value('cvc') };
  const tokenized = await gql('TokenizeCard', { input: { provider: 'cardgateway', card } });
  const method = tokenized.body.data.tokenizeCard.paymentMethod;
  const paid = await gql('Pay', { input: { orderId: CONFIG.orderId, source: { paymentMethodId: method.id }, amount: { amount: '12.50', currency: 'EUR' } } });
  document.getElementById('result').textContent = JSON.stringify({ method, pay: paid.body.data.pay });
});
</script></body></html>`;
}

export async function startShop(page: () => string): Promise<ShopServer> {
  const received: ShopServer['received'] = [];
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    received.push({ method: request.method ?? '', url: request.url ?? '', body });
    if (request.url !== '/checkout') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
