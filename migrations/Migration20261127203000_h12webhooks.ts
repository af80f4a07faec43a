import { Migration } from '@mikro-orm/migrations';

/**
 * Signed webhooks (docs/webhooks.md): endpoints, the outbox of events, one delivery per event and endpoint, and
 * each delivery's attempts. The outbox is filled by deferred constraint triggers (src/domain/webhooks/
 * webhook-triggers.ts) on the tables whose rows are state changes, so an event commits with its change or not at all.
 */
export class Migration20261127203000_h12webhooks extends Migration {
  override name = 'Migration20261127203000_h12webhooks';

  override up(): void {
    for (const sql of TABLES) this.addSql(sql);
    for (const sql of FUNCTIONS) this.addSql(sql);
    for (const [table, events] of TRIGGERS) {
      this.addSql(`create constraint trigger "${table}_webhook" after ${events} on "${table}" deferrable initially deferred for each row execute function paygraph_webhook_${table}();`);
    }
  }

  override down(): void {
    for (const [table] of TRIGGERS) {
      this.addSql(`drop trigger if exists "${table}_webhook" on "${table}";`);
      this.addSql(`drop function if exists paygraph_webhook_${table}();`);
    }
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_event" cascade;`);
    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
  }
}

const TRIGGERS: [string, string][] = [
  ['transaction_event', 'insert'],
  ['refund', 'insert or update of "status"'],
  ['payout', 'insert or update of "status"'],
  ['scheduled_payment_event', 'insert'],
];

const TABLES = [
  `create table "webhook_endpoint" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "url" text not null, "description" text null, "event_types" text[] not null, "enabled" boolean not null default true, "disabled_reason" text null, "secret_sealed" text not null, "previous_secret_sealed" text null, "previous_secret_expires_at" timestamptz null, "failing_since" timestamptz null, "consecutive_failures" int not null default 0, primary key ("id"));`,
  `create index "webhook_endpoint_site_id_created_at_index" on "webhook_endpoint" ("site_id", "created_at");`,
  `alter table "webhook_endpoint" add constraint "webhook_endpoint_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
  `create table "webhook_event" ("id" uuid not null, "site_id" uuid not null, "type" text not null, "resource_key" text not null, "payload" jsonb not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
  `create index "webhook_event_site_id_created_at_index" on "webhook_event" ("site_id", "created_at");`,
  `alter table "webhook_event" add constraint "webhook_event_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
  `create table "webhook_delivery" ("id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "site_id" uuid not null, "event_id" uuid not null, "endpoint_id" uuid not null, "resource_key" text not null, "seq" bigserial, "status" text check ("status" in ('PENDING', 'DELIVERED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "lease_token" uuid null, "lease_until" timestamptz null, "delivered_at" timestamptz null, primary key ("id"));`,
  `create index "webhook_delivery_event_id_index" on "webhook_delivery" ("event_id");`,
  `create index "webhook_delivery_endpoint_id_index" on "webhook_delivery" ("endpoint_id");`,
  `create index "webhook_delivery_site_id_created_at_index" on "webhook_delivery" ("site_id", "created_at");`,
  `create index "webhook_delivery_due_index" on "webhook_delivery" ("next_attempt_at") where status = 'PENDING';`,
  `create index "webhook_delivery_order_index" on "webhook_delivery" ("endpoint_id", "resource_key", "seq") where status = 'PENDING';`,
  `alter table "webhook_delivery" add constraint "webhook_delivery_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
  `alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "webhook_event" ("id") on delete cascade;`,
  `alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on delete cascade;`,
  `create table "webhook_attempt" ("id" uuid not null, "site_id" uuid not null, "delivery_id" uuid not null, "response_status" int null, "response_body" text null, "error" text null, "duration_ms" int not null, "created_at" timestamptz not null default now(), primary key ("id"));`,
  `create index "webhook_attempt_delivery_id_index" on "webhook_attempt" ("delivery_id");`,
  `alter table "webhook_attempt" add constraint "webhook_attempt_site_id_foreign" foreign key ("site_id") references "site" ("id");`,
  `alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on delete cascade;`,
];

/**
 * Relay global ids as src/graphql/common/global-id.ts writes them: base64url("Type:uuid"), unpadded. Inlined (as is
 * the emit below) because the ORM's schema check only tolerates functions that are trigger functions.
 */
const gid = (type: string, id: string) =>
  `case when ${id} is null then null else rtrim(translate(encode(convert_to('${type}:' || ${id}::text, 'UTF8'), 'base64'), E'+/\\n', '-_'), '=') end`;

const money = (amount: string, currency: string) => `jsonb_build_object('amountMinor', (${amount})::text, 'currency', ${currency})`;

/**
 * The body of each trigger function: records the event when the site has a webhook endpoint at all (so sites
 * without webhooks write nothing), and a delivery to each enabled endpoint subscribed to its type, in endpoint
 * order, so seq follows the events' order. The payload is the Standard Webhooks shape {type, timestamp, data}.
 */
const emit = (site: string, type: string, resource: string, data: string) => `
  if exists (select 1 from webhook_endpoint where site_id = ${site}) then
    v_event := gen_random_uuid();
    v_now := clock_timestamp();
    insert into webhook_event (id, site_id, type, resource_key, payload, created_at)
      values (v_event, ${site}, '${type}', ${resource}, jsonb_build_object('type', '${type}', 'timestamp',
        to_char(v_now at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'data', ${data}), v_now);
    insert into webhook_delivery (id, site_id, event_id, endpoint_id, resource_key, next_attempt_at, created_at, updated_at)
      select gen_random_uuid(), ${site}, v_event, e.id, ${resource}, v_now, v_now, v_now
      from webhook_endpoint e where e.site_id = ${site} and e.enabled and '${type}' = any (e.event_types) order by e.id;
  end if;`;

const fn = (table: string, declare: string, body: string) => `create or replace function paygraph_webhook_${table}() returns trigger language plpgsql as $$
declare v_event uuid; v_now timestamptz; ${declare}
begin
${body}
  return null;
end $$;`;

/** transaction.updated: the transaction as the commit leaves it, with the status this event moved it to. */
const TRANSACTION = fn('transaction_event', 't record;', `
  select * into t from "transaction" where id = new.transaction_id;
  if not found then return null; end if;
  ${emit('t.site_id', 'transaction.updated', `'Transaction:' || t.id`, `jsonb_build_object(
    'object', 'transaction', 'id', ${gid('Transaction', 't.id')}, 'status', coalesce(new.to_status, t.status),
    'kind', t.kind, 'provider', t.provider, 'amount', ${money('t.amount_minor', 't.currency')},
    'capturedMinor', t.captured_minor::text, 'refundedMinor', t.refunded_minor::text,
    'orderId', ${gid('Order', 't.order_id')}, 'customerId', ${gid('Customer', 't.customer_id')},
    'declineCode', t.decline_code, 'declineReason', t.decline_reason, 'metadata', t.metadata,
    'event', jsonb_build_object('id', ${gid('TransactionEvent', 'new.id')}, 'type', new.type, 'fromStatus', new.from_status,
      'toStatus', new.to_status, 'amountMinor', new.amount_minor::text, 'message', new.message))`)}`);

/** refund.updated and payout.updated: on insert, and on every update that changed the status. */
const movement = (table: string, typeName: string, extra: string) =>
  fn(table, '', `
  if tg_op = 'UPDATE' and old.status is not distinct from new.status then return null; end if;
  ${emit('new.site_id', `${table}.updated`, `'${typeName}:' || new.id`, `jsonb_build_object(
    'object', '${table}', 'id', ${gid(typeName, 'new.id')}, 'status', new.status,
    'previousStatus', case when tg_op = 'UPDATE' then old.status end, 'amount', ${money('new.amount_minor', 'new.currency')},
    'failureCode', new.failure_code, 'failureReason', new.failure_reason, ${extra})`)}`);

const SCHEDULED = fn('scheduled_payment_event', 's record;', `
  select * into s from scheduled_payment where id = new.scheduled_payment_id;
  if not found then return null; end if;
  ${emit('s.site_id', 'scheduled_payment.updated', `'ScheduledPayment:' || s.id`, `jsonb_build_object(
    'object', 'scheduled_payment', 'id', ${gid('ScheduledPayment', 's.id')}, 'status', coalesce(new.to_status, s.status),
    'amount', ${money('s.amount_minor', 's.currency')}, 'scheduledFor', s.scheduled_for, 'provider', s.provider,
    'orderId', ${gid('Order', 's.order_id')}, 'transactionId', ${gid('Transaction', 's.transaction_id')},
    'event', jsonb_build_object('type', new.type, 'fromStatus', new.from_status, 'toStatus', new.to_status, 'message', new.message))`)}`);

const FUNCTIONS = [
  TRANSACTION,
  movement('refund', 'Refund', `'transactionId', ${gid('Transaction', 'new.transaction_id')}, 'reason', new.reason`),
  movement('payout', 'Payout', `'provider', new.provider, 'customerId', ${gid('Customer', 'new.customer_id')}`),
  SCHEDULED,
];
