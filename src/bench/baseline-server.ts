import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Pool } from 'pg';
import { toDecimal, type CurrencyCode } from '../kernel/money';
import { CredentialCipher } from '../domain/sites/credentials';
import { deriveKey } from '../app/secrets';
import { registerPaymentRoutes } from './baseline-payments';

/**
 * The yardstick for `npm run bench`: plain Fastify + pg serving the same data as JSON with the SQL the gateway
 * runs (key lookup, then one statement per relation for the whole page). No GraphQL, ORM or DataLoader.
 * Run as `node dist/src/bench/baseline-server.js` with DATABASE_URL and PORT.
 */
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const app = Fastify({ logger: false });

interface Principal {
  siteId: string;
  scopes: string[];
}

const KEY = /^Bearer pgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
  const principal = await principalOf(request.headers.authorization);
  if (!principal) void reply.code(401).send({ error: 'invalid or revoked API key' });
  return principal;
}

async function principalOf(authorization: string | undefined): Promise<Principal | undefined> {
  const match = KEY.exec(authorization ?? '');
  const row = match
    ? (await pool.query('select k.site_id, k.secret_hash, k.scopes, k.revoked_at from api_key k join site s on s.id = k.site_id where k.prefix = $1', [match[1]])).rows[0]
    : undefined;
  const hash = match ? createHash('sha256').update(match[2]).digest() : undefined;
  if (!row || !hash || row.revoked_at || !timingSafeEqual(hash, Buffer.from(row.secret_hash, 'hex'))) return undefined;
  return { siteId: row.site_id, scopes: row.scopes };
}

const money = (minor: string, currency: string) => ({ amount: toDecimal(BigInt(minor), currency as CurrencyCode), amountMinor: minor, currency });

/** The first `first` children per parent in one statement, as the gateway's pagePerParent does. */
async function perParent(table: string, fk: string, parentIds: string[], siteId: string, first: number) {
  const { rows } = await pool.query(
    `select * from (select t.*, row_number() over (partition by t.${fk} order by t.created_at desc, t.id desc) as rn ` +
      `from "${table}" t where t.${fk} = any($1) and t.site_id = $2) ranked where rn <= $3 order by ${fk}, rn`,
    [parentIds, siteId, first + 1],
  );
  const groups = new Map<string, any[]>(parentIds.map((id) => [id, []]));
  for (const row of rows) if (Number(row.rn) <= first) groups.get(row[fk])?.push(row);
  return groups;
}

app.get('/viewer', async (request, reply) => {
  const principal = await authenticate(request, reply);
  if (!principal) return reply;
  const site = (await pool.query('select id, name, kind from site where id = $1', [principal.siteId])).rows[0];
  return { site, actingSite: site, scopes: [...principal.scopes].sort(), isPartner: false };
});

app.get('/orders', async (request, reply) => {
  const principal = await authenticate(request, reply);
  if (!principal) return reply;
  const first = Math.min(Number((request.query as { first?: string }).first ?? 20), 100);
  const { rows: orders } = await pool.query('select * from "order" where site_id = $1 order by created_at desc, id desc limit $2', [principal.siteId, first + 1]);
  const page = orders.slice(0, first);
  const customerIds = [...new Set(page.map((o) => o.customer_id).filter(Boolean))];
  const [customers, methods, transactions] = await Promise.all([
    pool.query('select * from customer where id = any($1) and site_id = $2', [customerIds, principal.siteId]),
    perParent('payment_method', 'customer_id', customerIds, principal.siteId, 5),
    perParent('transaction', 'order_id', page.map((o) => o.id), principal.siteId, 5),
  ]);
  const customerById = new Map(customers.rows.map((c) => [c.id, c]));
  return {
    nodes: page.map((o) => {
      const c = customerById.get(o.customer_id);
      return {
        id: o.id, reference: o.reference, status: o.status, amount: money(o.amount_minor, o.currency), createdAt: o.created_at,
        customer: c && {
          id: c.id, email: c.email, firstName: c.first_name, lastName: c.last_name,
          paymentMethods: { nodes: (methods.get(c.id) ?? []).map((m) => ({ id: m.id, brand: m.brand, last4: m.last4, expMonth: m.exp_month, expYear: m.exp_year, status: m.status })) },
        },
        transactions: {
          nodes: (transactions.get(o.id) ?? []).map((t) => ({
            id: t.id, status: t.status, kind: t.kind, amount: money(t.amount_minor, t.currency), capturedAmount: money(t.captured_minor, t.currency), createdAt: t.created_at,
          })),
        },
      };
    }),
    pageInfo: { hasNextPage: orders.length > first },
  };
});

if (process.env.CARDGATEWAY_BASE_URL && process.env.ENCRYPTION_KEY) {
  const cipher = new CredentialCipher(deriveKey(Buffer.from(process.env.ENCRYPTION_KEY, 'hex'), 'credentials'));
  registerPaymentRoutes(app, { pool, cipher, sandboxUrl: process.env.CARDGATEWAY_BASE_URL, authenticate: principalOf });
}

app.get('/healthz', async () => ({ status: 'ok' }));
// The bench reads this before and after each case: CPU seconds per request are steadier than requests per second
// on a shared machine.
app.get('/__cpu', async () => {
  const { user, system } = process.cpuUsage();
  return { seconds: (user + system) / 1e6 };
});

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) }).then(
  (address) => process.stdout.write(`baseline listening at ${address}\n`),
  (error: unknown) => {
    process.stderr.write(`baseline failed to start: ${String(error)}\n`);
    process.exit(1);
  },
);
process.once('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
