import { Client } from 'pg';
import type { PaymentRecord } from '../providers/cardgateway/sandbox/records';

interface Row {
  reference: string;
  kind: string;
  status: string;
  amount_minor: string;
  captured_minor: string;
  refunded_minor: string;
  operations: string;
  refunds: string;
}

const OPEN = ['PENDING', 'PROCESSING', 'OUTCOME_UNKNOWN'];

/**
 * After a write case: every payment of these sites charged exactly once at the sandbox and recorded once, with
 * the same captured and refunded amounts on both sides, and no sandbox payment the database doesn't know.
 * Waits (bounded) for requests still in flight when the load stopped to finish first.
 */
export async function checkWrites(databaseUrl: string, sandboxUrl: string, siteIds: string[]): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await settled(db, siteIds);
    const open = await openRows(db, siteIds);
    const rows = (
      await db.query<Row>(
        `select t.reference, t.kind, t.status, t.amount_minor, t.captured_minor, t.refunded_minor,
           (select count(*) from payment_operation o where o.transaction_id = t.id) as operations,
           (select count(*) from refund r where r.transaction_id = t.id) as refunds
         from "transaction" t where t.site_id = any($1)`,
        [siteIds],
      )
    ).rows;
    const known = new Set((await db.query<{ reference: string }>('select reference from "transaction"')).rows.map((r) => r.reference));
    const records = (await (await fetch(`${sandboxUrl}/__sandbox/payments`)).json()) as PaymentRecord[];
    return [...open.map((what) => `${what}: still open`), ...compare(rows, records, known)];
  } finally {
    await db.end();
  }
}

/** Payments, captures and refunds not yet settled (a request still in flight, or one left for the reconciler). */
/**
 * Bounded (30 s): until nothing is open and no movement row has appeared for 1.5 s. A request autocannon sent just
 * before it stopped may not have reached phase 1 yet on a loaded machine; "nothing open" alone let the check
 * run between two such rows and report the second as never charged.
 */
async function settled(db: Client, siteIds: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const [open, count] = [await openRows(db, siteIds), await movementCount(db, siteIds)];
    if (count !== last) [last, stableSince] = [count, Date.now()];
    if (!open.length && Date.now() - stableSince >= 1_500) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function movementCount(db: Client, siteIds: string[]): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `select (select count(*) from "transaction" where site_id = any($1)) + (select count(*) from payment_operation where site_id = any($1))
       + (select count(*) from refund where site_id = any($1)) as n`,
    [siteIds],
  );
  return Number(rows[0]!.n);
}

async function openRows(db: Client, siteIds: string[]): Promise<string[]> {
  const { rows } = await db.query<{ what: string }>(
    `select 'transaction ' || reference || ' ' || status as what from "transaction" where site_id = any($1) and status = any($2)
     union all select 'capture ' || reference || ' ' || status from payment_operation where site_id = any($1) and status = any($2)
     union all select 'refund ' || reference || ' ' || status from refund where site_id = any($1) and status = any($2)`,
    [siteIds, OPEN],
  );
  return rows.map((r) => r.what);
}

function compare(rows: Row[], records: PaymentRecord[], known: Set<string>): string[] {
  const out: string[] = [];
  const byReference = new Map<string, PaymentRecord[]>();
  for (const p of records) byReference.set(p.merchantTransactionId, [...(byReference.get(p.merchantTransactionId) ?? []), p]);
  for (const p of records) {
    if (p.charges !== 1) out.push(`${p.merchantTransactionId}: charged ${p.charges} times at the sandbox`);
    if (!known.has(p.merchantTransactionId)) out.push(`${p.merchantTransactionId}: charged at the sandbox, no row in the database`);
  }
  for (const t of rows) {
    const at = byReference.get(t.reference) ?? [];
    const name = `${t.reference} (${t.kind} ${t.status})`;
    if (at.length !== 1) { out.push(`${name}: ${at.length} payments at the sandbox`); continue; }
    const p = at[0]!;
    if (BigInt(p.capturedCents) !== BigInt(t.captured_minor)) out.push(`${name}: captured ${t.captured_minor}, sandbox ${p.capturedCents}`);
    if (BigInt(p.refundedCents) !== BigInt(t.refunded_minor)) out.push(`${name}: refunded ${t.refunded_minor}, sandbox ${p.refundedCents}`);
    if (Number(t.operations) > 1 || Number(t.refunds) > 1) out.push(`${name}: ${t.operations} captures and ${t.refunds} refunds recorded`);
  }
  return out;
}
