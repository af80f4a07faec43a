import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { eventsAfter, feedStart, RECHECK_MS } from '../../domain/live/event-feed';
import type { ChangeKind } from '../../domain/live/live-changes';
import { LiveStream } from '../../domain/live/live-stream';
import type { Position } from '../../domain/read/pagination';
import { DomainError } from '../../kernel/errors';
import { decodeCursor, encodeCursor } from '../common/connection';
import { idOf } from '../common/global-id';
import type { Loaders } from '../loaders';
import { TransactionEventType } from '../transactions/transaction-event.type';
import { freshen, notFound, type SubscriptionContext } from './subscription-context';
import { TransactionEventFeedItem } from './transaction-event-feed-item.type';

interface LiveRow {
  updatedAt: Date;
  status: string;
}

export interface RowSource<R extends LiveRow, N> {
  kind: ChangeKind;
  loader(loaders: Loaders): DataLoader<string, R | null>;
  toNode(row: R): N;
}

/**
 * One row, now and after each change: the first emission is the row as it is when the subscription starts,
 * then one per change notice, re-read under the subscriber's site scope. Notices that arrive together give one
 * emission of the latest row, and an emission that would repeat the last one (same updatedAt and status) is
 * skipped. Every transition in order is what events(after:) and Transaction.events give.
 */
export async function rowUpdates<R extends LiveRow, N>(ctx: SubscriptionContext, globalId: string, source: RowSource<R, N>): Promise<LiveStream<N>> {
  const id = idOf(globalId, source.kind);
  if (!id) throw notFound(source.kind);
  const read = () => source.loader(freshen(ctx).loaders).load(id);
  let version: string | undefined;
  const stream = new LiveStream<N>(async () => {
    const row = await read();
    const next = row ? `${row.updatedAt.getTime()}|${row.status}` : undefined;
    if (!row || next === version) return { items: [] };
    version = next;
    return { items: [source.toNode(row)] };
  });
  // Watch before the first read, so a change committed in between still wakes the stream.
  stream.watching(await ctx.live.watch({ siteId: ctx.principal.actingSiteId, kind: source.kind, id, wake: stream.wake }));
  if (!(await read())) {
    await stream.return();
    throw notFound(source.kind);
  }
  return stream;
}

/**
 * The acting site's transaction events after `after` (a Transaction.events or events cursor), oldest first:
 * first what the table already holds, then live, one position moving forward, so a client that resumes with
 * the last cursor it saw gets neither a gap nor a repeat. Without `after` it starts with the next event.
 */
export async function eventFeed(ctx: SubscriptionContext, after: string | null | undefined): Promise<LiveStream<TransactionEventFeedItem>> {
  let position: Position | undefined = cursorArg(after);
  const stream = new LiveStream<TransactionEventFeedItem>(async () => {
    const page = await eventsAfter(freshen(ctx).em, position!);
    const items = page.events.map((event) => {
      position = { createdAt: event.createdAt, id: event.id };
      return Object.assign(new TransactionEventFeedItem(), {
        transactionDbId: event.transaction.id,
        cursor: encodeCursor(event),
        event: TransactionEventType.from(event, event.currency),
      });
    });
    return { items, more: page.full, recheckMs: page.heldBack ? RECHECK_MS : undefined };
  });
  stream.watching(await ctx.live.watch({ siteId: ctx.principal.actingSiteId, kind: 'Transaction', wake: stream.wake }));
  position ??= await feedStart(freshen(ctx).em);
  return stream;
}

function cursorArg(after: string | null | undefined): Position | undefined {
  try {
    return decodeCursor(after);
  } catch (error) {
    if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: error.code, field: error.field } });
    throw error;
  }
}
