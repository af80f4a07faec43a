import 'reflect-metadata';
import { ClientToken } from './client-tokens/client-token.entity';
import { Customer } from './customers/customer.entity';
import { AppAccessToken } from './inbound/app-access-token.entity';
import { InboundReplyRow } from './inbound/inbound-reply.entity';
import { ProviderRecordRow } from './inbound/provider-record.entity';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { Order } from './orders/order.entity';
import { PaymentMethod } from './payment-methods/payment-method.entity';
import { PaymentOperation } from './payments/payment-operation.entity';
import { ReconcileAttempt } from './engine/reconcile-attempt.entity';
import { Payout } from './payouts/payout.entity';
import { ProviderEvent } from './provider-events/provider-event.entity';
import { Refund } from './refunds/refund.entity';
import { ScheduledPayment } from './scheduled-payments/scheduled-payment.entity';
import { ScheduledPaymentEvent } from './scheduled-payments/scheduled-payment-event.entity';
import { ApiKey } from './sites/api-key.entity';
import { PartnerGrant } from './sites/partner-grant.entity';
import { Site } from './sites/site.entity';
import { TransactionEvent } from './transactions/transaction-event.entity';
import { Transaction } from './transactions/transaction.entity';
import { WebhookAttempt } from './webhooks/webhook-attempt.entity';
import { WebhookDelivery } from './webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { WebhookEvent } from './webhooks/webhook-event.entity';

/** Every entity the ORM knows; the migration check compares these with the committed migrations. */
export const entities = [
  Site,
  ApiKey,
  PartnerGrant,
  Customer,
  Order,
  PaymentMethod,
  Transaction,
  TransactionEvent,
  PaymentOperation,
  Refund,
  Payout,
  ScheduledPayment,
  ScheduledPaymentEvent,
  ProviderEvent,
  IdempotencyRecord,
  ReconcileAttempt,
  AppAccessToken,
  ProviderRecordRow,
  InboundReplyRow,
  WebhookEndpoint,
  WebhookEvent,
  WebhookDelivery,
  WebhookAttempt,
  ClientToken,
];
