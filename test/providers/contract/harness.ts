import Fastify from 'fastify';
import { Writable } from 'node:stream';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import type { CallbackRequest, PaymentProvider, ProviderModule, ProviderSandbox } from '../../../src/providers/provider';
import { createLogger } from '../../../src/server/logger';

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

export interface Harness<S extends ProviderSandbox = ProviderSandbox> {
  sandbox: S;
  provider: PaymentProvider;
  listener: Awaited<ReturnType<typeof startListener>>;
  logs: string[];
  close(): Promise<void>;
}

/**
 * Any provider module's adapter ↔ its own sandbox over real HTTP, through the shared HTTP kit and the
 * production logger: the sandbox accepts `credentials`, and the adapter is built with them.
 */
export async function startProviderHarness<K extends string, S extends ProviderSandbox>(
  module: ProviderModule<K, S>,
  credentials: Record<string, string> = module.demo.credentials,
  timeoutMs = 2_000,
): Promise<Harness<S>> {
  const sandbox = await module.startSandbox({ credentials: [credentials] });
  const listener = await startListener();
  const logs: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
  const log = createLogger('info', sink as never);
  const provider = module.create({
    siteId: 'site-1',
    credentials: { ...credentials },
    baseUrl: sandbox.baseUrl,
    publicUrl: listener.url,
    http: createProviderHttp({ provider: module.key, timeoutMs, log }),
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
