import { ordersQuery } from './queries';
import { settle, type PlanLog } from './explain';

type Send = () => Promise<Response>;

/**
 * One orders request of each page size to each server, and the plans of the statements it sent (the page and
 * the nested lists; the baseline also reads its key). With `analyze` and `buffers`, so the rows read and the
 * pages touched show whether a request's cost grows with the table (run once at BENCH_ORDERS=200 and once at
 * 20000). The gateway also asks for the page after the middle of the table: keyset pagination reads as few
 * rows there as on the first page.
 */
export async function printPlans(plans: PlanLog, gatewayUrl: string, baselineUrl: string, auth: Record<string, string>, sizes: number[], total: number): Promise<void> {
  const graphql = (first: number, after?: string) => () =>
    fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query: ordersQuery(first, after) }) });
  const middle = await cursorAfter(graphql, Math.floor(total / 2));
  for (const first of sizes) {
    const requests: [string, Send][] = [
      [`gateway orders(first: ${first})`, graphql(first)],
      [`gateway orders(first: ${first}, after: the cursor of order ${middle.at})`, graphql(first, middle.cursor)],
      [`baseline orders?first=${first}`, () => fetch(`${baselineUrl}/orders?first=${first}`, { headers: auth })],
    ];
    for (const [name, send] of requests) {
      await settle();
      plans.take();
      const response = await send();
      if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
      await response.arrayBuffer();
      await settle();
      const taken = plans.take();
      process.stdout.write(`\n=== ${name}: ${taken.length} statements ===\n\n${taken.join('\n\n')}\n`);
    }
  }
}

/** The end cursor after `skip` orders (rounded down to a page of 100), walked a page at a time. */
async function cursorAfter(graphql: (first: number, after?: string) => Send, skip: number): Promise<{ cursor?: string; at: number }> {
  let cursor: string | undefined;
  let at = 0;
  while (at + 100 <= skip) {
    const body = (await (await graphql(100, cursor)()).json()) as { data: { orders: { pageInfo: { endCursor: string } } } };
    cursor = body.data.orders.pageInfo.endCursor;
    at += 100;
  }
  return { cursor, at };
}
