import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config';
import { IdempotencyService } from '../domain/idempotency/idempotency.service';
import { createPaymentsEnv, type PaymentsEnv } from '../domain/engine/payments-env';
import { recoveryPolicyOf } from '../domain/engine/recovery-policy';
import type { Principal } from '../domain/sites/principal';
import type { Orm } from '../db/orm';
import type { CredentialCipher } from '../domain/sites/credentials';
import type { Logger } from '../server/logger';
import type { ProviderRegistry } from '../providers/registry';
import { scopedTo } from '../domain/tenancy';
import { createLoaders, type Loaders } from './loaders';

/** What lives for the whole process and every request can use. */
export interface AppDeps {
  config: Config;
  orm: Orm;
  log: Logger;
  cipher: CredentialCipher;
  /** Keys the HMAC of idempotency request hashes. */
  hashKey: Buffer;
  /** Provider modules and their base URLs; adapters are built per request from it. */
  providers: ProviderRegistry;
}

export interface Context {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  loaders: Loaders;
  idempotency: IdempotencyService;
  /** The Idempotency-Key header, used by mutations whose input carries no idempotencyKey. */
  idempotencyKeyHeader?: string;
  deps: AppDeps;
  log: FastifyBaseLogger;
}

export function createContext(
  deps: AppDeps,
  request: { requestId: string; principal: Principal; idempotencyKeyHeader?: string; log: FastifyBaseLogger },
): Context {
  return new RequestContext(deps, request);
}

/**
 * The EntityManager, the loaders and the IdempotencyService are each made on first use: a query the loaders
 * answer without a statement (or a refusal before any read) needs no EntityManager fork, and most requests use
 * two or three of the twenty DataLoaders (docs/benchmarks.md). The getters live on the class's prototype, not on
 * the object: Apollo copies the context for each operation (`Object.assign` onto an object of the same
 * prototype), which reads every own getter, so getters on the object itself made all three on every request
 * (until 2026-11-28). A copy shares nothing made lazily, so code that extends a context adds to the object
 * (`Object.assign`) and never spreads it, which would drop the getters.
 */
class RequestContext implements Context {
  readonly requestId: string;
  readonly principal: Principal;
  readonly idempotencyKeyHeader?: string;
  readonly log: FastifyBaseLogger;
  private scoped?: EntityManager;
  private madeLoaders?: Loaders;
  private madeIdempotency?: IdempotencyService;

  constructor(
    readonly deps: AppDeps,
    request: { requestId: string; principal: Principal; idempotencyKeyHeader?: string; log: FastifyBaseLogger },
  ) {
    this.requestId = request.requestId;
    this.principal = request.principal;
    this.idempotencyKeyHeader = request.idempotencyKeyHeader;
    this.log = request.log;
  }

  /** Every read and write of this request sees only the acting site's rows (src/domain/tenancy.ts). */
  get em(): EntityManager {
    return (this.scoped ??= scopedTo(this.deps.orm.em as EntityManager, this.principal.actingSiteId));
  }

  /** A subscription gives each emission a fresh EntityManager and loaders (subscription-context.ts `freshen`). */
  set em(em: EntityManager) {
    this.scoped = em;
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.em));
  }

  set loaders(loaders: Loaders) {
    this.madeLoaders = loaders;
  }

  get idempotency(): IdempotencyService {
    return (this.madeIdempotency ??= new IdempotencyService(this.em, this.deps.hashKey, this.deps.config.payments.phases));
  }
}

/**
 * A PaymentsEnv on its own fork of `em`: per payment mutation (the request's scoped EntityManager), callback or
 * customer return (`unscoped`: the row found by the provider's id names its site).
 */
export function paymentsEnvOf(deps: AppDeps, em: EntityManager): PaymentsEnv {
  return createPaymentsEnv({
    em,
    hashKey: deps.hashKey,
    registry: deps.providers,
    cipher: deps.cipher,
    log: deps.log,
    providerTimeoutMs: deps.config.payments.providerTimeoutMs,
    recovery: recoveryPolicyOf(deps.config),
    phases: deps.config.payments.phases,
  });
}
