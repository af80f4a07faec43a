import type { EntityManager } from '@mikro-orm/postgresql';
import { Transaction } from '../../domain/transactions/transaction.entity';
import type { ClientTokenGrant } from '../../domain/sites/principal';
import { AuthError } from '../../kernel/errors';
import { idOf } from '../../graphql/common/global-id';

type Args = Record<string, unknown>;
type Rule = (args: Args, grant: ClientTokenGrant, em: EntityManager) => Promise<void> | void;

const refuse = (message: string) => new AuthError('FORBIDDEN', message);

function ownOrder(grant: ClientTokenGrant, globalId: unknown, what: string): void {
  if (!grant.orderId) throw refuse(`client tokens without an order cannot ${what}`);
  if (typeof globalId !== 'string' || idOf(globalId, 'Order') !== grant.orderId) throw refuse(`client tokens can ${what} only the order they name`);
}

async function ownTransaction(grant: ClientTokenGrant, globalId: unknown, em: EntityManager, what: string): Promise<void> {
  const id = typeof globalId === 'string' ? idOf(globalId, 'Transaction') : undefined;
  const found = id && grant.orderId ? await em.fork().count(Transaction, { id, order: grant.orderId }) : 0;
  if (!found) throw refuse(`client tokens can ${what} only the transactions of the order they name`);
}

/**
 * The only root fields a client token may run, each with what it may pass. Every other field is refused by
 * name. The card number reaches the gateway only through tokenizeCard; pay takes the method it returned. Over
 * WebSocket it may follow its order and that order's transactions, nothing else.
 */
export const CLIENT_TOKEN_RULES: Readonly<Record<string, Rule>> = {
  'Mutation.tokenizeCard': () => undefined,
  'Mutation.pay': (args, grant) => {
    const input = (args.input ?? {}) as Args;
    ownOrder(grant, input.orderId, 'pay');
    const source = (input.source ?? {}) as Args;
    if (source.card || source.bankAccount) throw refuse('client tokens cannot pay with card or bank data: tokenize the card with tokenizeCard and pay with source { paymentMethodId }');
    if (!source.paymentMethodId) throw refuse('client tokens pay only with a payment method from tokenizeCard (source { paymentMethodId })');
    if (input.saveMethod) throw refuse('client tokens cannot save payment methods');
    if (input.customerId && idOf(String(input.customerId), 'Customer') !== grant.customerId) throw refuse("client tokens cannot pay for another customer");
  },
  'Query.order': (args, grant) => ownOrder(grant, args.id, 'read'),
  'Query.transaction': (args, grant, em) => ownTransaction(grant, args.id, em, 'read'),
  'Subscription.orderUpdated': (args, grant) => ownOrder(grant, args.id, 'follow'),
  'Subscription.transactionUpdated': (args, grant, em) => ownTransaction(grant, args.id, em, 'follow'),
};
