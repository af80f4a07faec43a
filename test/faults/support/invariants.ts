import { Client } from 'pg';
import type { PaymentRecord } from '../../../src/providers/cardgateway/sandbox/records';

/** What one scenario's check looks at: one merchant site, and the sandbox transactions made since it began. */
export interface Scope {
  databaseUrl: string;
  sandboxUrl: string;
  siteId: string;
  /** Sandbox paymentIds that existed before the scenario (left out of its check). */
  before: Set<string>;
}

interface TxnRow {
  id: string;
  reference: string;
  kind: string;
  status: string;
  amount_minor: string;
  captured_minor: string;
  refunded_minor: string;
  captures: string;
  refunds: string;
}

const OPEN_TXN = ['PENDING', 'PROCESSING', 'OUTCOME_UNKNOWN'];
const HOLDS_MONEY_GATEWAY = ['AUTHORIZED', 'SUCCEEDED'];
const HOLDS_MONEY_SANDBOX = ['authsuccessful', 'capturesuccess', 'settled', 'reversed'];

export async function sandboxPayments(sandboxUrl: string): Promise<PaymentRecord[]> {
  return (await (await fetch(`${sandboxUrl}/__sandbox/payments`)).json()) as PaymentRecord[];
}

export async function snapshotSandbox(sandboxUrl: string): Promise<Set<string>> {
  return new Set((await sandboxPayments(sandboxUrl)).map((p) => p.paymentId));
}

async function query<T>(databaseUrl: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Rows of the site still open: transactions, captures/cancels, refunds, payouts, and keys IN_PROGRESS. */
export async function openRows(scope: Scope): Promise<string[]> {
  return query(scope.databaseUrl, async (c) => {
    const site = [scope.siteId];
    const rows = await c.query<{ what: string }>(
      `select 'transaction ' || reference || ' ' || status as what from "transaction" where site_id = $1 and status = any($2)
       union all select 'operation ' || kind || ' ' || status from payment_operation where site_id = $1 and status in ('PENDING','OUTCOME_UNKNOWN')
       union all select 'refund ' || reference || ' ' || status from refund where site_id = $1 and status in ('PENDING','OUTCOME_UNKNOWN')
       union all select 'payout ' || reference || ' ' || status from payout where site_id = $1 and status in ('PENDING','PROCESSING','OUTCOME_UNKNOWN')
       union all select 'idempotency key ' || key || ' IN_PROGRESS' from idempotency_record where scope like '%' || $1 || '%' and state = 'IN_PROGRESS'`,
      [...site, OPEN_TXN],
    );
    return rows.rows.map((r) => r.what);
  });
}

async function allReferences(databaseUrl: string): Promise<Set<string>> {
  return query(databaseUrl, async (c) => new Set((await c.query<{ reference: string }>('select reference from "transaction"')).rows.map((r) => r.reference)));
}

async function transactions(scope: Scope): Promise<TxnRow[]> {
  return query(scope.databaseUrl, async (c) =>
    (
      await c.query<TxnRow>(
        `select t.id, t.reference, t.kind, t.status, t.amount_minor, t.captured_minor, t.refunded_minor,
           coalesce((select sum(amount_minor) from payment_operation o where o.transaction_id = t.id and o.kind = 'CAPTURE' and o.status = 'SUCCEEDED'), 0) as captures,
           coalesce((select sum(amount_minor) from refund r where r.transaction_id = t.id and r.status = 'SUCCEEDED'), 0) as refunds
         from "transaction" t where t.site_id = $1 and t.provider = 'cardgateway'`,
        [scope.siteId],
      )
    ).rows,
  );
}

/**
 * The money invariants, over the database and the sandbox's records (call once recovery has had its time):
 * each reference charged at most once; the gateway's money state equals the provider's; captured ≤ amount,
 * refunded ≤ captured, and each equals the sum of its settled captures/refunds (nothing applied twice); nothing
 * open; no key IN_PROGRESS; no money the provider took without a gateway record.
 */
export async function checkInvariants(scope: Scope): Promise<string[]> {
  const violations: string[] = [];
  const fresh = (await sandboxPayments(scope.sandboxUrl)).filter((p) => !scope.before.has(p.paymentId));
  const txns = await transactions(scope);
  const mine = new Set(txns.map((t) => t.reference));
  const known = await allReferences(scope.databaseUrl);
  // Scenarios may run at once against one sandbox: a payment is this scope's if its reference is one of the
  // site's transactions; one no transaction of any site knows is money taken without a record, reported by all.
  for (const p of fresh.filter((r) => mine.has(r.merchantTransactionId) || !known.has(r.merchantTransactionId))) {
    if (p.charges > 1) violations.push(`${p.merchantTransactionId}: charged ${p.charges} times at the provider`);
    if (!known.has(p.merchantTransactionId) && HOLDS_MONEY_SANDBOX.includes(p.status)) violations.push(`${p.merchantTransactionId}: the provider holds money (${p.status}) the gateway has no record of`);
  }
  for (const t of txns) violations.push(...compare(t, fresh.filter((p) => p.merchantTransactionId === t.reference)));
  for (const row of await openRows(scope)) violations.push(`${row}: still open after recovery`);
  return [...new Set(violations)];
}

function compare(t: TxnRow, records: PaymentRecord[]): string[] {
  const out: string[] = [];
  const [amount, captured, refunded] = [BigInt(t.amount_minor), BigInt(t.captured_minor), BigInt(t.refunded_minor)];
  const name = `${t.reference} (${t.kind} ${t.status})`;
  if (captured > amount) out.push(`${name}: captured ${captured} > authorized ${amount}`);
  if (refunded > captured) out.push(`${name}: refunded ${refunded} > captured ${captured}`);
  if (BigInt(t.refunds) !== refunded) out.push(`${name}: refunded ${refunded} but its settled refunds sum to ${t.refunds}`);
  if (t.kind === 'AUTHORIZATION' && BigInt(t.captures) !== captured) out.push(`${name}: captured ${captured} but its settled captures sum to ${t.captures}`);
  // The one that moved money, if any; else the latest attempt under this reference.
  const p = records.find((r) => HOLDS_MONEY_SANDBOX.includes(r.status) || r.status === 'authcancelled') ?? records.at(-1);
  const providerHolds = !!p && HOLDS_MONEY_SANDBOX.includes(p.status);
  const gatewayHolds = HOLDS_MONEY_GATEWAY.includes(t.status);
  if (providerHolds !== gatewayHolds) out.push(`${name}: gateway ${gatewayHolds ? 'holds' : 'does not hold'} money, provider says ${p?.status ?? 'no such payment'}`);
  if (p?.status === 'authcancelled' && t.status !== 'CANCELLED') out.push(`${name}: cancelled at the provider`);
  if (t.status === 'CANCELLED' && p && p.status !== 'authcancelled') out.push(`${name}: cancelled in the gateway, provider says ${p.status}`);
  if (t.status === 'REQUIRES_ACTION' && p?.status !== 'authstarted') out.push(`${name}: waits for the customer, provider says ${p?.status ?? 'no such payment'}`);
  const providerCaptured = p && providerHolds ? BigInt(p.capturedCents) : 0n;
  const providerRefunded = p && providerHolds ? BigInt(p.refundedCents) : 0n;
  if (providerCaptured !== captured) out.push(`${name}: captured ${captured}, provider captured ${providerCaptured}`);
  if (providerRefunded !== refunded) out.push(`${name}: refunded ${refunded}, provider refunded ${providerRefunded}`);
  return out;
}
