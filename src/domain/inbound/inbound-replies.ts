import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash, randomUUID } from 'node:crypto';
import type { InboundReply } from '../../providers/provider';

export interface ReplySlot {
  provider: string;
  scope: string;
  siteId: string;
  key: string;
}

/** What a claim found: ours to run, the first answer again, the same key with another body, or still running. */
export type Claim = { kind: 'claimed' } | { kind: 'replay'; reply: InboundReply } | { kind: 'conflict' } | { kind: 'in_progress' };

export const requestHashOf = (rawBody: Buffer) => createHash('sha256').update(rawBody).digest('hex');

/**
 * Idempotency of inbound routes: the slot is claimed (a row without answer) before the handler runs, so two
 * concurrent requests with one key run it once; the first successful answer is kept and given again.
 */
export async function claimReply(em: EntityManager, slot: ReplySlot, requestHash: string): Promise<Claim> {
  const inserted = await em.fork().execute(
    `insert into inbound_reply (id, site_id, provider, scope, key, request_hash) values (?, ?, ?, ?, ?, ?)
     on conflict (provider, scope, site_id, key) do nothing returning id`,
    [randomUUID(), slot.siteId, slot.provider, slot.scope, slot.key, requestHash],
  );
  if (inserted.length === 1) return { kind: 'claimed' };
  const rows = await em.fork().execute(
    `select request_hash, status, body from inbound_reply where provider = ? and scope = ? and site_id = ? and key = ?`,
    [slot.provider, slot.scope, slot.siteId, slot.key],
  );
  const row = rows[0];
  if (!row) return claimReply(em, slot, requestHash);
  if (row.request_hash !== requestHash) return { kind: 'conflict' };
  if (row.status === null) return { kind: 'in_progress' };
  return { kind: 'replay', reply: { status: Number(row.status), body: row.body } };
}

/** Keeps a successful answer; anything else frees the slot, so a corrected retry runs again. */
export async function settleReply(em: EntityManager, slot: ReplySlot, reply: InboundReply | undefined): Promise<void> {
  const where = `provider = ? and scope = ? and site_id = ? and key = ?`;
  const params = [slot.provider, slot.scope, slot.siteId, slot.key];
  if (reply && reply.status >= 200 && reply.status < 300) {
    await em.fork().execute(`update inbound_reply set status = ?, body = ?::jsonb, updated_at = now() where ${where}`, [reply.status, JSON.stringify(reply.body), ...params]);
  } else {
    await em.fork().execute(`delete from inbound_reply where ${where} and status is null`, params);
  }
}
