import { SiteKind } from '../../src/domain/sites/site.entity';
import type { ProviderModule } from '../../src/providers/provider';
import { startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { ALL_SCOPES } from './app';
import { startSteppingSandbox, type SteppingSandbox } from './stepping-provider';

export interface SteppingFixture {
  f: PaymentsFixture;
  sandbox: SteppingSandbox;
  /** An API key of a merchant holding the stepping providers' credentials. */
  key: string;
  /** Waits past the provider deadline, then runs one reconciler sweep. */
  recover(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A gateway (provider deadline 200 ms, reconciler on demand) with the test-only stepping providers registered
 * on one loopback sandbox, and a merchant whose key pays through them.
 */
export async function startSteppingFixture(modules: ProviderModule[], env: Record<string, string> = {}): Promise<SteppingFixture> {
  const f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '200', RECONCILE_AFTER_MS: '0', ...env });
  const sandbox = await startSteppingSandbox();
  const credentials: Record<string, Record<string, string>> = {};
  for (const module of modules) {
    f.t.running.providers.registry.register(module, sandbox.baseUrl);
    credentials[module.key] = { ...module.demo.credentials };
  }
  const site = await f.t.sites().createSite('Stepping merchant', SiteKind.MERCHANT, credentials);
  const key = (await f.t.sites().createApiKey(site, 'stepping key', ALL_SCOPES)).plaintext;
  const recover = async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await f.t.running.reconciler.runOnce();
  };
  const close = async () => {
    await f.t.close();
    await sandbox.close();
  };
  return { f, sandbox, key, recover, close };
}
