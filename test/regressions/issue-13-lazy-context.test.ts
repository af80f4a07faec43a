import { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { IdempotencyService } from '../../src/domain/idempotency/idempotency.service';
import { Scope } from '../../src/domain/sites/api-key.entity';
import { SiteKind } from '../../src/domain/sites/site.entity';
import { actingSiteIdOf } from '../../src/domain/tenancy';
import { createContext, type Context } from '../../src/graphql/context';
import { TestApp } from '../support/app';

/**
 * Apollo Server copies the context for every operation: `Object.assign(Object.create(Object.getPrototypeOf(c)), c)`
 * (cloneObject in @apollo/server's ApolloServer.js). Reproduced here, since Apollo does not export it.
 */
const apolloCopy = (context: Context): Context => Object.assign(Object.create(Object.getPrototypeOf(context) as object) as Context, context);

describe("a request's context makes its EntityManager, loaders and idempotency service only when used", () => {
  let t: TestApp;
  const siteId = randomUUID();
  const context = () =>
    createContext(t.running.deps, {
      requestId: 'r1',
      principal: { apiKeyId: randomUUID(), siteId, siteKind: SiteKind.MERCHANT, actingSiteId: siteId, scopes: new Set([Scope.READ]) },
      log: pino({ level: 'silent' }),
    });

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(async () => t?.stop());

  it("leaves them unmade when Apollo copies the context (the copy used to read every getter: a fork and 20 loaders per request)", () => {
    const copy = apolloCopy(context());
    const made = Object.values(copy).filter((v) => v instanceof EntityManager || v instanceof IdempotencyService || (v && typeof v === 'object' && 'order' in v));
    expect(made).toEqual([]);
  });

  it('makes them on first use in the copy, once, scoped to the acting site', () => {
    const copy = apolloCopy(context());
    const em = copy.em;
    expect(actingSiteIdOf(em)).toBe(siteId);
    expect(copy.em).toBe(em);
    expect(copy.loaders).toBe(copy.loaders);
    expect(copy.idempotency).toBeInstanceOf(IdempotencyService);
    expect(copy.idempotency).toBe(copy.idempotency);
  });
});
