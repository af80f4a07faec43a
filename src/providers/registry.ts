import type { Logger } from 'pino';
import { DomainError } from '../domain/errors';
import { createProviderHttp } from './http/provider-http';
import type { PaymentProvider, ProviderCapabilities, ProviderKey, ProviderModule } from './provider';

export interface RegisteredProvider {
  module: ProviderModule;
  baseUrl: string;
}

/** Who the adapter acts for: the acting site's credentials, and a partner's own when one acts on its behalf. */
export interface AdapterScope {
  siteId: string;
  credentials: Record<string, string> | undefined;
  partner?: { siteId: string; credentials: Record<string, string> | undefined };
}

export interface ProviderSummary {
  key: ProviderKey;
  displayName: string;
  capabilities: ProviderCapabilities;
}

/**
 * key → provider module and its base URL (the sandbox in the embedded default and in tests, the provider in
 * production). Adapters are built per request, so credentials live only as long as the request.
 */
export class ProviderRegistry {
  private readonly entries = new Map<ProviderKey, RegisteredProvider>();

  private gatewayUrl: string;

  constructor(private readonly options: { timeoutMs: number; publicUrl: string; log: Logger }) {
    this.gatewayUrl = options.publicUrl;
  }

  /** Set once the gateway listens, when PUBLIC_URL is not configured. */
  setPublicUrl(url: string): void {
    this.gatewayUrl = url;
  }

  /** The gateway's public URL (PUBLIC_URL, else the address it listens on): notification and return URLs. */
  publicUrl(): string {
    return this.gatewayUrl.replace(/\/+$/, '');
  }

  register(module: ProviderModule, baseUrl: string): void {
    this.entries.set(module.key, { module, baseUrl });
  }

  /** Sandboxes listen on a port chosen at start; their URL is known only then. */
  setBaseUrl(key: ProviderKey, baseUrl: string): void {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`provider ${key} is not registered`);
    entry.baseUrl = baseUrl;
  }

  list(): ProviderSummary[] {
    return [...this.entries.values()]
      .map(({ module }) => ({ key: module.key, displayName: module.displayName, capabilities: module.capabilities }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  module(key: ProviderKey): ProviderModule {
    const entry = this.entries.get(key);
    if (!entry) throw new DomainError('UNKNOWN_PROVIDER', `provider "${key}" is not configured`, ['input', 'provider']);
    return entry.module;
  }

  build(key: ProviderKey, scope: AdapterScope): PaymentProvider {
    const entry = this.entries.get(key);
    if (!entry) throw new DomainError('UNKNOWN_PROVIDER', `provider "${key}" is not configured`, ['input', 'provider']);
    if (!scope.credentials) {
      throw new DomainError('PROVIDER_NOT_CONFIGURED', `this site has no credentials for provider "${key}"`, ['input', 'provider']);
    }
    return entry.module.create({
      siteId: scope.siteId,
      credentials: scope.credentials,
      partner: scope.partner?.credentials ? { siteId: scope.partner.siteId, credentials: scope.partner.credentials } : undefined,
      baseUrl: entry.baseUrl,
      publicUrl: this.publicUrl(),
      http: createProviderHttp({ provider: key, timeoutMs: this.options.timeoutMs, log: this.options.log }),
    });
  }
}
