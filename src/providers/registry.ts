import type { Logger } from 'pino';
import { DomainError } from '../kernel/errors';
import { createProviderHttp, type ProviderHttp } from './http/provider-http';
import { FACET_NAMES, type FacetDeclarations, type FacetName, type PaymentProvider, type ProviderKey, type ProviderModule, type ProviderRecords } from './provider';

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
  facets: FacetDeclarations;
}

/** Enough for every site that pays at once on one instance; past it the oldest entry goes. */
const MAX_BUILT = 1_000;

const unknownProvider = (key: string) => new DomainError('UNKNOWN_PROVIDER', `provider "${key}" is not configured`, ['input', 'provider']);

/**
 * key → provider module and its base URL (the sandbox in the embedded default and in tests, the provider in
 * production). Adapters are built per request, so credentials live only as long as the request.
 */
export class ProviderRegistry {
  private readonly entries = new Map<ProviderKey, RegisteredProvider>();
  /** One HTTP client per provider (stateless: its timeout and a child logger), not one per request's adapter. */
  private readonly clients = new Map<ProviderKey, ProviderHttp>();

  private gatewayUrl: string;

  private recordsOf?: (provider: ProviderKey) => ProviderRecords;

  /** Built adapters by what they were built from (see `buildOnce`); emptied when a URL or the records change. */
  private readonly built = new Map<string, PaymentProvider>();

  constructor(private readonly options: { timeoutMs: number; publicUrl: string; log: Logger }) {
    this.gatewayUrl = options.publicUrl;
  }

  /** Set once the gateway listens, when PUBLIC_URL is not configured. */
  setPublicUrl(url: string): void {
    this.gatewayUrl = url;
    this.built.clear();
  }

  /** The gateway's public URL (PUBLIC_URL, else the address it listens on): notification and return URLs. */
  publicUrl(): string {
    return this.gatewayUrl.replace(/\/+$/, '');
  }

  /** Set once the database is open: each adapter gets its provider's records (ProviderContext.records). */
  useRecords(recordsOf: (provider: ProviderKey) => ProviderRecords): void {
    this.recordsOf = recordsOf;
    this.built.clear();
  }

  register(module: ProviderModule, baseUrl: string): void {
    this.entries.set(module.key, { module, baseUrl });
    this.built.clear();
  }

  /** Sandboxes listen on a port chosen at start; their URL is known only then. */
  setBaseUrl(key: ProviderKey, baseUrl: string): void {
    const entry = this.entries.get(key);
    if (!entry) throw new Error(`provider ${key} is not registered`);
    entry.baseUrl = baseUrl;
    this.built.clear();
  }

  list(): ProviderSummary[] {
    return [...this.entries.values()]
      .map(({ module }) => ({ key: module.key, displayName: module.displayName, facets: module.facets }))
      .sort((a, b) => (a.key < b.key ? -1 : 1));
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  module(key: ProviderKey): ProviderModule {
    const entry = this.entries.get(key);
    if (!entry) throw unknownProvider(key);
    return entry.module;
  }

  /**
   * The declaration of one facet, or UNSUPPORTED_BY_PROVIDER naming `what` the provider cannot do: how the
   * engine asks whether a provider can do something, before it writes anything.
   */
  facet<K extends FacetName>(key: ProviderKey, name: K, what: string, field: string[] = ['input', 'provider']): NonNullable<FacetDeclarations[K]> {
    const declared = this.module(key).facets[name];
    if (!declared) throw new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${key}" does not support ${what}`, field);
    return declared as NonNullable<FacetDeclarations[K]>;
  }

  build(key: ProviderKey, scope: AdapterScope): PaymentProvider {
    const entry = this.entries.get(key);
    if (!entry) throw unknownProvider(key);
    if (!scope.credentials) {
      throw new DomainError('PROVIDER_NOT_CONFIGURED', `this site has no credentials for provider "${key}"`, ['input', 'provider']);
    }
    const adapter = entry.module.create({
      siteId: scope.siteId,
      credentials: scope.credentials,
      partner: scope.partner?.credentials ? { siteId: scope.partner.siteId, credentials: scope.partner.credentials } : undefined,
      baseUrl: entry.baseUrl,
      records: this.recordsOf?.(key),
      publicUrl: this.publicUrl(),
      http: this.httpOf(key),
    });
    checkFacets(entry.module, adapter);
    return adapter;
  }

  /**
   * The adapter built for `sealedKey` (the provider, the site ids and their stored ciphertexts), built and
   * checked once: an adapter holds only its context and credentials, so one per sealed credential is the same
   * adapter every time. New credentials are a new ciphertext (a fresh IV), so a change made on any instance is a
   * new key here on the next read of the site row; nothing stale is ever served. `scope` decrypts, and runs only
   * on a miss; a refusal (no or unreadable credentials) throws and is not kept.
   */
  buildOnce(key: ProviderKey, sealedKey: string, scope: () => AdapterScope): PaymentProvider {
    const cacheKey = `${key}\u0000${sealedKey}`;
    const hit = this.built.get(cacheKey);
    if (hit) return hit;
    const adapter = this.build(key, scope());
    if (this.built.size >= MAX_BUILT) this.built.delete(this.built.keys().next().value!);
    this.built.set(cacheKey, adapter);
    return adapter;
  }

  private httpOf(key: ProviderKey): ProviderHttp {
    let http = this.clients.get(key);
    if (!http) this.clients.set(key, (http = createProviderHttp({ provider: key, timeoutMs: this.options.timeoutMs, log: this.options.log })));
    return http;
  }
}

/** An adapter has exactly the facets its module declares, or the engine's checks would be lies. */
function checkFacets(module: ProviderModule, adapter: PaymentProvider): void {
  const differ = FACET_NAMES.filter((name) => !module.facets[name] !== !adapter[name]);
  if (differ.length) throw new Error(`provider ${module.key}: built facets differ from its declaration (${differ.join(', ')})`);
}

/** A facet the registry has already checked for: its absence here is a bug, not a user error. */
export function facetOf<K extends FacetName>(adapter: PaymentProvider, name: K): NonNullable<PaymentProvider[K]> {
  const facet = adapter[name];
  if (!facet) throw new Error(`provider ${adapter.key} has no ${name} facet`);
  return facet as NonNullable<PaymentProvider[K]>;
}
