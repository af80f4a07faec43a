import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { whereOf, type CreatedRange, type PageRequest } from '../read/read-filters';
import { ScheduledPayment, type ScheduledPaymentStatus } from './scheduled-payment.entity';

export interface ScheduledPaymentFilter extends CreatedRange {
  statuses?: ScheduledPaymentStatus[];
  customerId?: string;
  orderId?: string;
  provider?: string;
  scheduledAfter?: Date;
  scheduledBefore?: Date;
}

/** The acting site's (em's tenant filter) scheduled payments, newest first (by creation, so pages stay stable under inserts). */
export function listScheduledPayments(
  em: EntityManager,
  filter: ScheduledPaymentFilter,
  page: PageRequest,
): Promise<Page<ScheduledPayment>> {
  const scheduledFor: Record<string, Date> = {};
  if (filter.scheduledAfter) scheduledFor.$gt = filter.scheduledAfter;
  if (filter.scheduledBefore) scheduledFor.$lt = filter.scheduledBefore;
  const where = whereOf(
    {
      status: filter.statuses,
      customer: filter.customerId,
      order: filter.orderId,
      provider: filter.provider,
      scheduledFor: Object.keys(scheduledFor).length ? scheduledFor : undefined,
    },
    filter,
  );
  return paginate(em, ScheduledPayment, where, page);
}

/**
 * Every site's gateway-run schedules a job should look at now: SCHEDULED and due by `now` (the configured
 * clock), or PROCESSING with an expired lease (database clock). The job decides again under the row lock.
 */
export async function findRunnable(em: EntityManager, now: Date, limit = 500): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from scheduled_payment
      where run_by = 'GATEWAY'
        and ((status = 'SCHEDULED' and scheduled_for <= ?) or (status = 'PROCESSING' and (lease_until is null or lease_until <= clock_timestamp())))
      order by scheduled_for limit ?`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Every site's provider-run schedules whose answer was lost, to look for at the provider: SCHEDULED without the
 * provider's id, before their due time (the provider lists upcoming schedules only), and either answered
 * "unknown" by the request that made them or older than `settledAfterMs` (that request is over).
 */
export async function findLostNative(em: EntityManager, now: Date, settledAfterMs: number, limit = 500): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select s.id from scheduled_payment s
      where s.run_by = 'PROVIDER' and s.status = 'SCHEDULED' and s.provider_schedule_id is null and s.scheduled_for > ?
        and (s.lease_until is null or s.lease_until <= clock_timestamp())
        and (s.created_at <= clock_timestamp() - ?::float8 * interval '1 millisecond'
             or exists (select 1 from scheduled_payment_event e where e.scheduled_payment_id = s.id and e.type = 'provider_outcome_unknown'))
      order by s.created_at limit ?`,
    [now, settledAfterMs, limit],
  );
  return rows.map((row) => row.id);
}

/**
 * Every site's provider-run schedules past their payment date (`now`, the configured clock) whose outcome is not
 * known yet: the job looks for their payment in the order's history at the provider (native-outcome.ts).
 */
export async function findNativeDue(em: EntityManager, now: Date, limit = 500): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from scheduled_payment
      where run_by = 'PROVIDER' and status = 'SCHEDULED' and scheduled_for <= ?
        and (lease_until is null or lease_until <= clock_timestamp())
      order by scheduled_for limit ?`,
    [now, limit],
  );
  return rows.map((row) => row.id);
}
