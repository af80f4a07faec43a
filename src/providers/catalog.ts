import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../config/config';
import { ConfigError, problemLine } from '../config/env';
import { cardGatewayModule } from './cardgateway';
import { payneteasyModule } from './payneteasy';
import { payNearMeModule } from './paynearme';
import { paysafecardModule } from './paysafecard';
import type { ProviderModule, ProviderSandbox } from './provider';
import { ProviderRegistry } from './registry';

/** Every provider the gateway knows. A new provider adds one line. */
export const PROVIDER_MODULES = [cardGatewayModule, payneteasyModule, payNearMeModule, paysafecardModule] as const;

type CatalogModule = (typeof PROVIDER_MODULES)[number];

/** Each running sandbox under its provider's key, typed as that provider's sandbox. */
export type Sandboxes = { [M in CatalogModule as M['key']]?: Awaited<ReturnType<M['startSandbox']>> };

export interface Providers {
  registry: ProviderRegistry;
  sandboxes: Sandboxes;
  close(): Promise<void>;
}

/** Demo credentials of every provider, keyed by provider: what the embedded default's demo site (and test merchants) get. */
export function demoCredentials(): Record<string, Record<string, string>> {
  return Object.fromEntries(PROVIDER_MODULES.map((m) => [m.key, { ...m.demo.credentials }]));
}

/** The provider's base URL from its own variable; a value that is not a URL stops the start, naming the variable. */
function configuredBaseUrl(module: ProviderModule, config: Config): string | undefined {
  const name = module.config.baseUrlVariable;
  const value = config.providerEnv[name];
  if (value === undefined) return undefined;
  if (!z.url().safeParse(value).success) throw new ConfigError([problemLine(name, `the ${module.displayName} host, e.g. ${module.config.baseUrlExample}`, value)]);
  const problem = module.config.checkBaseUrl?.(new URL(value));
  if (problem) throw new ConfigError([problemLine(name, problem, value)]);
  return value;
}

/**
 * Registers each provider with its base URL: the sandbox on loopback when sandboxes are on, the configured URL
 * otherwise. A provider with neither is left out (the `providers` query won't list it).
 */
export async function startProviders(config: Config, log: Logger): Promise<Providers> {
  const registry = new ProviderRegistry({ timeoutMs: config.payments.providerTimeoutMs, publicUrl: config.http.publicUrl ?? '', log });
  const sandboxes: Record<string, ProviderSandbox> = {};
  const closers: (() => Promise<void>)[] = [];
  const baseUrls = new Map(PROVIDER_MODULES.map((m) => [m.key, configuredBaseUrl(m, config)]));
  for (const module of PROVIDER_MODULES) {
    if (config.sandboxes) {
      const sandbox = await module.startSandbox({ gatewayUrl: () => registry.publicUrl() });
      sandboxes[module.key] = sandbox;
      closers.push(() => sandbox.close());
      registry.register(module, sandbox.baseUrl);
      log.info({ provider: module.key, baseUrl: sandbox.baseUrl }, 'provider sandbox listening');
      continue;
    }
    const baseUrl = baseUrls.get(module.key);
    if (baseUrl) registry.register(module, baseUrl);
    else log.warn({ provider: module.key, variable: module.config.baseUrlVariable }, 'provider has no base URL configured; it is disabled');
  }
  return { registry, sandboxes: sandboxes as Sandboxes, close: async () => void (await Promise.all(closers.map((c) => c()))) };
}
