import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidStateError, NotFoundError } from '../../kernel/errors';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import type { Principal } from '../sites/principal';

const FIELD = ['input', 'source', 'paymentMethodId'];

/**
 * Called in the payment's first phase, inside its transaction. A client token pays only with a method it
 * tokenized itself (another one behaves as unknown). A single-use method is claimed by a conditional update: of
 * two payments racing for it the second waits on the row, then finds usedAt set and is refused; a payment that
 * fails before its first phase commits leaves the method unused.
 */
export async function claimPaymentMethod(tx: EntityManager, principal: Principal, method: PaymentMethod | null): Promise<void> {
  const grant = principal.clientToken;
  if (grant && method?.clientToken?.id !== grant.id) throw new NotFoundError('payment method', FIELD);
  if (!method?.singleUse) return;
  const claimed = await tx.nativeUpdate(PaymentMethod, { id: method.id, usedAt: null }, { usedAt: new Date() });
  if (claimed === 0) throw new InvalidStateError('this single-use payment method was already used; tokenize the card again', FIELD);
}
