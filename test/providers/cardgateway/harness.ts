import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { CardData } from '../../../src/providers/card-data';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { startCardGatewaySandbox, type CardGatewaySandbox } from '../../../src/providers/cardgateway/sandbox/server';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import type { CallbackRequest, PaymentProvider } from '../../../src/providers/provider';
import { createLogger } from '../../../src/server/logger';

export const MERCHANT = { partnerId: 'p-77', memberId: '10777', username: 'contract-merchant', secureKey: 'contract-secure-key' };

export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/** Where notifications and the customer's browser land: a real HTTP server on loopback that keeps what it got. */
export async function startListener() {
  const received: Received[] = [];
  const app = Fastify();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.post('/*', async (request) => {
    received.push({ path: request.url, headers: request.headers, rawBody: request.body as Buffer });
    return { ok: true };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, received, close: () => app.close() };
}

export interface Harness {
  sandbox: CardGatewaySandbox;
  provider: PaymentProvider;
  listener: Awaited<ReturnType<typeof startListener>>;
  logs: string[];
  close(): Promise<void>;
}

/** Adapter ↔ sandbox over real HTTP, through the shared HTTP kit and the production logger. */
export async function startHarness(timeoutMs = 2_000): Promise<Harness> {
  const sandbox = await startCardGatewaySandbox({ merchants: [MERCHANT] });
  const listener = await startListener();
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
  const log = createLogger('info', sink as never);
  const provider = cardGatewayModule.create({
    siteId: 'site-1',
    credentials: { ...MERCHANT },
    baseUrl: sandbox.baseUrl,
    publicUrl: listener.url,
    http: createProviderHttp({ provider: 'cardgateway', timeoutMs, log }),
  });
  return {
    sandbox,
    provider,
    listener,
    logs,
    close: async () => {
      await listener.close();
      await sandbox.close();
    },
  };
}

let counter = 0;
export const ref = (prefix = 'ord') => `${prefix}-${Date.now().toString(36)}-${++counter}`;

export const card = (number = '4111111111111111', cvc = '123', exp = { m: 12, y: new Date().getUTCFullYear() + 2 }) => new CardData(number, exp.m, exp.y, cvc, 'Ada Lovelace');

export const asCallback = (r: Received): CallbackRequest => ({ headers: r.headers, rawBody: r.rawBody, query: {} });

export async function waitFor<T>(probe: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 20));
  }
}
