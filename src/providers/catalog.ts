import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { cardGatewayModule } from './cardgateway';
import { startCardGatewaySandbox, type CardGatewaySandbox } from './cardgateway/sandbox/server';
import type { ProviderModule } from './provider';
import { ProviderRegistry } from './registry';

export interface Sandboxes {
  cardgateway?: CardGatewaySandbox;
}

export interface Providers {
  registry: ProviderRegistry;
  sandboxes: Sandboxes;
  close(): Promise<void>;
}

interface CatalogEntry {
  module: ProviderModule;
  baseUrl(config: Config): string | undefined;
  startSandbox(): Promise<{ baseUrl: string; close(): Promise<void> } & object>;
  name: keyof Sandboxes;
}

/** Every provider the gateway knows. A new provider adds one entry. */
const CATALOG: CatalogEntry[] = [
  { name: 'cardgateway', module: cardGatewayModule, baseUrl: (c) => c.providers.cardgateway, startSandbox: () => startCardGatewaySandbox() },
];

/**
 * Registers each provider with its base URL: the sandbox on loopback when sandboxes are on, the configured URL
 * otherwise. A provider with neither is left out (the `providers` query won't list it).
 */
export async function startProviders(config: Config, log: Logger): Promise<Providers> {
  const registry = new ProviderRegistry({ timeoutMs: config.payments.providerTimeoutMs, publicUrl: config.http.publicUrl ?? '', log });
  const sandboxes: Sandboxes = {};
  const closers: (() => Promise<void>)[] = [];
  for (const entry of CATALOG) {
    if (config.sandboxes) {
      const sandbox = await entry.startSandbox();
      (sandboxes as Record<string, unknown>)[entry.name] = sandbox;
      closers.push(() => sandbox.close());
      registry.register(entry.module, sandbox.baseUrl);
      log.info({ provider: entry.module.key, baseUrl: sandbox.baseUrl }, 'provider sandbox listening');
      continue;
    }
    const baseUrl = entry.baseUrl(config);
    if (baseUrl) registry.register(entry.module, baseUrl);
    else log.warn({ provider: entry.module.key }, 'provider has no base URL configured; it is disabled');
  }
  return { registry, sandboxes, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}
