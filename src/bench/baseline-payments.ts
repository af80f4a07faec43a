import type { FastifyInstance } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { parseCurrency } from '../kernel/money';
import type { CredentialCipher } from '../domain/sites/credentials';
import { captureRequest, payRequest, refundRequest, type CardGatewayCredentials, type PreparedRequest } from '../providers/cardgateway/requests';
import { CardData } from '../providers/card-data';
import { AUTH_HEADER, PATHS, tokenRequest } from '../providers/cardgateway/wire';

/**
 * The write-path yardstick: `pay`, `capture` and `refund` by hand with pg and fetch, writing the rows the gateway
 * writes in the same three phases — (1) claim the idempotency key, then in one transaction the PENDING row,
 * its event and the key's resource; (2) the HTTP call to the card gateway; (3) in a second transaction, lock the
 * row, write the outcome, its event and the key's response. No GraphQL, no ORM, no recovery machinery.
 */
export interface PaymentsDeps {
  pool: Pool;
  cipher: CredentialCipher;
  sandboxUrl: string;
  authenticate(authorization: string | undefined): Promise<{ siteId: string } | undefined>;
}

const EUR = parseCurrency('EUR');
const CARD = () => new CardData('4111111111111111', 12, new Date().getUTCFullYear() + 3, '737', 'Ada Lovelace');
type Row = Record<string, any>;

export function registerPaymentRoutes(app: FastifyInstance, deps: PaymentsDeps): void {
  const run = new Runner(deps);
  app.post('/pay', async (request, reply) => {
    const body = request.body as { amountMinor: string; captureLater?: boolean };
    return run.answer(request.headers, reply, 'pay', body, (siteId, key) => run.pay(siteId, key, BigInt(body.amountMinor), !body.captureLater));
  });
  app.post('/capture', async (request, reply) => {
    const body = request.body as { transactionId: string };
    return run.answer(request.headers, reply, 'capture', body, (siteId, key) => run.capture(siteId, key, body.transactionId));
  });
  app.post('/refund', async (request, reply) => {
    const body = request.body as { transactionId: string; amountMinor: string };
    return run.answer(request.headers, reply, 'refund', body, (siteId, key) => run.refund(siteId, key, body.transactionId, BigInt(body.amountMinor)));
  });
}

class Runner {
  private token?: Promise<string>;
  constructor(private readonly deps: PaymentsDeps) {}

  async answer(headers: Record<string, unknown>, reply: { code(n: number): unknown }, operation: string, input: unknown, work: (siteId: string, key: string) => Promise<Row>) {
    const principal = await this.deps.authenticate(headers.authorization as string | undefined);
    if (!principal) return (reply.code(401), { error: 'invalid or revoked API key' });
    const key = String(headers['idempotency-key'] ?? randomUUID());
    const claimed = await this.deps.pool.query(
      `insert into idempotency_record (id, scope, key, operation, request_hash, state, owner, locked_at, created_at, expires_at)
       values (gen_random_uuid(), $1, $2, $3, md5($4), 'IN_PROGRESS', $5, now(), now(), now() + interval '24 hours')
       on conflict (scope, key) do nothing returning id`,
      [`site:${principal.siteId}`, key, operation, JSON.stringify(input), randomUUID()],
    );
    if (!claimed.rows.length) return (reply.code(409), { error: 'idempotency key in use' });
    return work(principal.siteId, claimed.rows[0].id);
  }

  async pay(siteId: string, keyId: string, amountMinor: bigint, capture: boolean): Promise<Row> {
    const reference = `pgpay${randomBytes(12).toString('hex')}`;
    const { txnId, credentials } = await this.tx(async (c) => {
      const site = (await c.query('select * from site where id = $1', [siteId])).rows[0];
      const txnId = randomUUID();
      await c.query(
        `insert into "transaction" (id, created_at, updated_at, site_id, provider, kind, status, amount_minor, currency, captured_minor, refunded_minor, reference, call_started_at, metadata)
         values ($1, now(), now(), $2, 'cardgateway', $3, 'PENDING', $4, 'EUR', 0, 0, $5, clock_timestamp(), '{}')`,
        [txnId, siteId, capture ? 'SALE' : 'AUTHORIZATION', amountMinor, reference],
      );
      await event(c, txnId, 'created', amountMinor, { provider: 'cardgateway' });
      await attach(c, keyId, `Transaction:${txnId}`, { transactionId: txnId });
      return { txnId, credentials: this.credentials(site) };
    });
    const amount = { amountMinor, currency: EUR };
    const answer = await this.send(credentials, payRequest(credentials, { reference, amount, capture, source: { type: 'card', card: CARD() }, ...urls(reference) }));
    const ok = answer.result?.code === '00001';
    const status = ok ? (capture ? 'SUCCEEDED' : 'AUTHORIZED') : 'DECLINED';
    return this.tx(async (c) => {
      await c.query('select id from "transaction" where id = $1 for update', [txnId]);
      await event(c, txnId, 'status_changed', undefined, {}, 'PENDING', status);
      await c.query('update "transaction" set status = $2, captured_minor = $3, provider_transaction_id = $4, updated_at = now() where id = $1', [txnId, status, ok && capture ? amountMinor : 0n, answer.paymentId]);
      return complete(c, keyId, { transactionId: txnId, status, reference });
    });
  }

  capture(siteId: string, keyId: string, transactionId: string): Promise<Row> {
    return this.movement(siteId, keyId, transactionId, 'payment_operation', (t, k) => captureRequest(k, t.provider_transaction_id, { amountMinor: BigInt(t.amount_minor), currency: EUR }), '00004');
  }

  refund(siteId: string, keyId: string, transactionId: string, amountMinor: bigint): Promise<Row> {
    return this.movement(siteId, keyId, transactionId, 'refund', (t, k) => refundRequest(k, t.provider_transaction_id, { amountMinor, currency: EUR }), '00005', amountMinor);
  }

  /** A capture (payment_operation) or refund row on an existing transaction, in the same three phases. */
  private async movement(siteId: string, keyId: string, transactionId: string, table: 'payment_operation' | 'refund', build: (t: Row, k: CardGatewayCredentials) => PreparedRequest, okCode: string, refundMinor?: bigint): Promise<Row> {
    const id = randomUUID();
    const { request, credentials, amountMinor } = await this.tx(async (c) => {
      const t = (await c.query('select * from "transaction" where id = $1 and site_id = $2 for update', [transactionId, siteId])).rows[0];
      const site = (await c.query('select * from site where id = $1', [siteId])).rows[0];
      const amountMinor = refundMinor ?? BigInt(t.amount_minor);
      await c.query(`select id from "${table}" where transaction_id = $1`, [transactionId]);
      await event(c, transactionId, table === 'refund' ? 'refund_requested' : 'capture_requested', amountMinor, {});
      await c.query(
        table === 'refund'
          ? `insert into refund (id, created_at, updated_at, site_id, transaction_id, amount_minor, currency, status, reference, call_started_at) values ($1, now(), now(), $2, $3, $4, 'EUR', 'PENDING', $5, clock_timestamp())`
          : `insert into payment_operation (id, created_at, updated_at, site_id, transaction_id, kind, status, amount_minor, currency, reference, single_capture, call_started_at) values ($1, now(), now(), $2, $3, 'CAPTURE', 'PENDING', $4, 'EUR', $5, true, clock_timestamp())`,
        [id, siteId, transactionId, amountMinor, `pg${table === 'refund' ? 'rf' : 'cap'}${randomBytes(12).toString('hex')}`],
      );
      await attach(c, keyId, `${table}:${id}`, { id });
      const credentials = this.credentials(site);
      return { request: build(t, credentials), credentials, amountMinor };
    });
    const answer = await this.send(credentials, request);
    const status = answer.result?.code === okCode ? 'SUCCEEDED' : 'FAILED';
    return this.tx(async (c) => {
      await c.query(`select id from "${table}" where id = $1`, [id]);
      await c.query('select id from "transaction" where id = $1 for update', [transactionId]);
      await c.query(`select id from "${table}" where id = $1 for update`, [id]);
      await event(c, transactionId, table === 'refund' ? 'refunded' : 'captured', amountMinor, {});
      if (status === 'SUCCEEDED') {
        const set = table === 'refund' ? 'refunded_minor = refunded_minor + $2' : "captured_minor = $2, status = 'SUCCEEDED'";
        await c.query(`update "transaction" set ${set}, updated_at = now() where id = $1`, [transactionId, amountMinor]);
      }
      const idColumn = table === 'refund' ? 'provider_transaction_id' : 'provider_transaction_id';
      await c.query(`update "${table}" set status = $2, ${idColumn} = $3, updated_at = now() where id = $1`, [id, status, answer.paymentId]);
      return complete(c, keyId, { id, status });
    });
  }

  private credentials(site: Row): CardGatewayCredentials {
    const sealed = (site.provider_credentials as Record<string, string>).cardgateway!;
    return this.deps.cipher.decrypt(sealed, { siteId: site.id, provider: 'cardgateway' }) as unknown as CardGatewayCredentials;
  }

  /** One authToken for the run (the gateway caches its token the same way). */
  private async send(credentials: CardGatewayCredentials, request: PreparedRequest): Promise<Row> {
    this.token ??= this.fetchToken(credentials);
    const response = await fetch(this.deps.sandboxUrl + request.path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', [AUTH_HEADER]: await this.token },
      body: JSON.stringify(request.body),
    });
    return (await response.json()) as Row;
  }

  private async fetchToken(credentials: CardGatewayCredentials): Promise<string> {
    const response = await fetch(this.deps.sandboxUrl + PATHS.authToken, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: tokenRequest(credentials).toString() });
    return ((await response.json()) as { AuthToken: string }).AuthToken;
  }

  private async tx<T>(work: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await this.deps.pool.connect();
    try {
      await c.query('begin');
      const result = await work(c);
      await c.query('commit');
      return result;
    } catch (error) {
      await c.query('rollback');
      throw error;
    } finally {
      c.release();
    }
  }
}

/** The same callback addresses the gateway sends; the sandbox posts to them only for asynchronous payments. */
const urls = (reference: string) => ({
  returnUrl: `http://127.0.0.1/callbacks/cardgateway/return/${reference}`,
  notificationUrl: 'http://127.0.0.1/callbacks/cardgateway',
});

function event(c: PoolClient, transactionId: string, type: string, amountMinor: bigint | undefined, data: Row, from?: string, to?: string) {
  return c.query(
    'insert into transaction_event (id, transaction_id, type, from_status, to_status, amount_minor, data, created_at) values ($1, $2, $3, $4, $5, $6, $7, now())',
    [randomUUID(), transactionId, type, from ?? null, to ?? null, amountMinor ?? null, JSON.stringify(data)],
  );
}

async function attach(c: PoolClient, keyId: string, resource: string, answer: Row): Promise<void> {
  await c.query(`update idempotency_record set resource = $2, response = $3 where id = $1 and state = 'IN_PROGRESS' returning id`, [keyId, resource, JSON.stringify(answer)]);
}

async function complete(c: PoolClient, keyId: string, response: Row): Promise<Row> {
  await c.query(`update idempotency_record set state = 'COMPLETED', response = $2 where id = $1 and state = 'IN_PROGRESS' returning id`, [keyId, JSON.stringify(response)]);
  return response;
}
