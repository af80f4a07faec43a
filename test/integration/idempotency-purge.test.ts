import { randomUUID } from 'node:crypto';
import { IdempotencyRecord } from '../../src/domain/idempotency/idempotency-record.entity';
import { purgeExpiredIdempotencyKeys } from '../../src/domain/idempotency/idempotency.service';
import { PURGE_QUEUE } from '../../src/jobs/idempotency-purge';
import { TestApp } from '../support/app';

describe('idempotency key retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  async function insertKey(key: string, expiresInMinutes: number): Promise<void> {
    await t.em().execute(
      `insert into idempotency_record (id, scope, key, operation, request_hash, state, locked_at, created_at, expires_at)
       values (?, 'scope', ?, 'createCustomer', 'hash', 'COMPLETED', now(), now(), now() + (? || ' minutes')::interval)`,
      [randomUUID(), key, String(expiresInMinutes)],
    );
  }

  async function keys(): Promise<string[]> {
    return (await t.em().find(IdempotencyRecord, {}, { orderBy: { key: 'asc' } })).map((r) => r.key);
  }

  beforeEach(() => t.em().nativeDelete(IdempotencyRecord, {}));

  it('deletes every key past its retention, in batches, and keeps the ones still within it', async () => {
    for (const key of ['old-1', 'old-2', 'old-3', 'old-4', 'old-5']) await insertKey(key, -1);
    await insertKey('fresh', 24 * 60);
    expect(await purgeExpiredIdempotencyKeys(t.em(), 2)).toBe(5);
    expect(await keys()).toEqual(['fresh']);
  });

  it('runs the purge as a job on the shared queue', async () => {
    await insertKey('old', -1);
    await insertKey('fresh', 60);
    await t.running.jobs.queue.send(PURGE_QUEUE, {});
    const deadline = Date.now() + 15_000;
    while ((await keys()).includes('old')) {
      if (Date.now() > deadline) throw new Error('the purge job did not run');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await keys()).toEqual(['fresh']);
  });

  it('enqueues at most one purge per window, however often instances ask', async () => {
    const purge = t.running.jobs.idempotencyPurge;
    expect(await purge.request()).not.toBeNull();
    // Asking again in the same window (this instance or another on the same queue) adds nothing.
    expect(await purge.request()).toBeNull();
  });
});
