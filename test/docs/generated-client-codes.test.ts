import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventsSubscription, TransactionFieldsFragment, UserErrorFieldsFragment } from '../../src/client/generated/graphql';
import { TransactionEventType, type TransactionEventTypeValue } from '../../src/domain/transactions/transaction-event-type';
import { assertNever } from '../../src/kernel/assert-never';
import { UserErrorCode, type UserErrorCodeValue } from '../../src/kernel/user-error-code';
import { DeclineReasonCode } from '../../src/providers/decline-codes';

/** True only when A and B are the same type (not merely assignable one way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Checked by `npm run typecheck` (jest does not type-check): each line stops compiling when the generated
// client's type is a plain string again, or lists other values than the gateway's enum.
const userErrorCode: Equal<UserErrorFieldsFragment['code'], UserErrorCodeValue> = true;
const declineReasonCode: Equal<TransactionFieldsFragment['declineReasonCode'], `${DeclineReasonCode}` | null> = true;
const eventType: Equal<EventsSubscription['events']['event']['type'], TransactionEventTypeValue> = true;

const GENERATED = join(__dirname, '..', '..', 'src', 'client', 'generated', 'graphql.ts');

/** The string literals of `export type <name> = | 'A' | 'B';` in the generated client. */
function unionOf(source: string, name: string): string[] {
  const match = new RegExp(`^export type ${name} =\\n((?:\\s+\\| '[^']+'\\n?)+);?`, 'm').exec(source);
  if (!match) throw new Error(`the generated client has no union type ${name}`);
  return [...match[1].matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
}

describe('the generated typed client', () => {
  let source: string;
  beforeAll(async () => {
    source = await readFile(GENERATED, 'utf8');
  });

  it('types UserError.code, declineReasonCode and TransactionEvent.type as the enums, not string', () => {
    expect([userErrorCode, declineReasonCode, eventType]).toEqual([true, true, true]);
  });

  it.each([
    ['UserErrorCode', Object.values(UserErrorCode)],
    ['DeclineReasonCode', Object.values(DeclineReasonCode)],
    ['TransactionEventType', Object.values(TransactionEventType)],
  ])('has %s as a union of exactly the gateway enum values, so a switch over it can be exhaustive', (name, values) => {
    expect(unionOf(source, name)).toEqual([...values].sort());
  });

  it('lets a client switch exhaustively over a decline reason (a new value stops the client compiling)', () => {
    const retryLater = (reason: NonNullable<TransactionFieldsFragment['declineReasonCode']>): boolean => {
      switch (reason) {
        case 'INSUFFICIENT_FUNDS':
        case 'LIMIT_EXCEEDED':
        case 'PROCESSING_ERROR':
          return true;
        case 'DO_NOT_HONOR':
        case 'EXPIRED_CARD':
        case 'INVALID_CARD':
        case 'LOST_OR_STOLEN_CARD':
        case 'FRAUD_SUSPECTED':
        case 'AUTHENTICATION_FAILED':
        case 'CUSTOMER_DATA_MISMATCH':
        case 'INVALID_REQUEST':
        case 'UNKNOWN':
          return false;
        default:
          return assertNever(reason);
      }
    };
    expect(retryLater('PROCESSING_ERROR')).toBe(true);
    expect(retryLater('LOST_OR_STOLEN_CARD')).toBe(false);
  });
});
