import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScheduledPayment, ScheduledPaymentStatus } from './scheduled-payment.entity';
import { ScheduledPaymentEvent } from './scheduled-payment-event.entity';

export interface ScheduleEventInput {
  type: string;
  message?: string;
  data?: Record<string, unknown>;
}

/**
 * Every change of a scheduled payment goes through here: its status (when it changes) and one history row,
 * written in the same DB transaction.
 */
export function recordScheduleEvent(em: EntityManager, scheduled: ScheduledPayment, event: ScheduleEventInput, to?: ScheduledPaymentStatus): void {
  const from = scheduled.status;
  if (to) scheduled.status = to;
  em.create(ScheduledPaymentEvent, {
    scheduledPayment: scheduled,
    type: event.type,
    fromStatus: to && to !== from ? from : undefined,
    toStatus: to && to !== from ? to : undefined,
    message: event.message,
    data: event.data,
  });
}
