export const VIEWER_QUERY = '{ viewer { site { id name kind } actingSite { id name kind } scopes isPartner } }';

/** Orders with their customer, the customer's saved cards and the order's transactions: a page of `first`. */
export const ordersQuery = (first: number, after?: string) => `{
  orders(first: ${first}${after ? `, after: ${JSON.stringify(after)}` : ''}) {
    nodes {
      id reference status createdAt amount { amount amountMinor currency }
      customer { id email firstName lastName paymentMethods(first: 5) { nodes { id brand last4 expMonth expYear status } } }
      transactions(first: 5) { nodes { id status kind createdAt amount { amount amountMinor currency } capturedAmount { amount amountMinor currency } } }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const ORDERS_QUERY = ordersQuery(50);

interface OrderSummary {
  reference: string;
  amount: { amount: string };
  customer: { email: string; paymentMethods: { nodes: { last4: string }[] } } | null;
  transactions: { nodes: { status: string; amount: { amount: string } }[] };
}

const summarize = (nodes: OrderSummary[]) =>
  nodes.map((o) => ({
    reference: o.reference,
    amount: o.amount.amount,
    email: o.customer?.email,
    cards: o.customer?.paymentMethods.nodes.map((m) => m.last4),
    transactions: o.transactions.nodes.map((t) => `${t.status} ${t.amount.amount}`),
  }));

/** Both servers must answer the same orders with the same relations, or the comparison means nothing. */
export async function checkSameData(gatewayUrl: string, baselineUrl: string, auth: Record<string, string>): Promise<void> {
  const response = await fetch(`${gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query: ORDERS_QUERY }),
  });
  const gateway = (await response.json()) as { data?: { orders: { nodes: OrderSummary[] } }; errors?: unknown };
  if (!gateway.data) throw new Error(`gateway orders query failed: ${JSON.stringify(gateway.errors)}`);
  const baseline = (await (await fetch(`${baselineUrl}/orders?first=50`, { headers: auth })).json()) as { nodes: OrderSummary[] };
  const [g, b] = [JSON.stringify(summarize(gateway.data.orders.nodes)), JSON.stringify(summarize(baseline.nodes))];
  if (g !== b) throw new Error(`gateway and baseline disagree:\ngateway  ${g.slice(0, 400)}\nbaseline ${b.slice(0, 400)}`);
  if (gateway.data.orders.nodes.length !== 50) throw new Error(`expected 50 orders, got ${gateway.data.orders.nodes.length}`);
}
