import { TestApp, type GqlResult, type TestSite } from './app';
import { seedOrders } from './read-seed';

/**
 * A gateway that runs a query text on graphql-js the first time and compiled from the second
 * (GRAPHQL_COMPILE_AFTER=2), and a merchant with two orders: for tests that an answer, refusals included, is the
 * same on both executors.
 */
export interface BothExecutors {
  t: TestApp;
  m: TestSite;
  /** The same request `times` times as the merchant, in order: the first interpreted, the rest compiled. */
  repeat(query: string, variables?: Record<string, unknown>, times?: number): Promise<GqlResult[]>;
}

export async function startBothExecutors(): Promise<BothExecutors> {
  const t = await TestApp.start({ GRAPHQL_COMPILE_AFTER: '2' });
  const m = await t.merchant();
  await seedOrders(t.em(), m.site.id, 2, { currency: 'EUR' });
  const repeat = async (query: string, variables?: Record<string, unknown>, times = 3) => {
    const answers: GqlResult[] = [];
    for (let i = 0; i < times; i++) answers.push(await t.gql(query, variables, { key: m.key }));
    return answers;
  };
  return { t, m, repeat };
}
