import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParsedCallback } from '../../providers/provider';
import { redactBody } from '../../providers/http/redact';
import type { Site } from '../sites/site.entity';

/** A stored event that was not settled is confirmed again on redelivery, but not more often than this. */
const RECONFIRM_AFTER = '30 seconds';

/**
 * Inserts a verified event once under (provider, eventKey) and claims it for processing. A redelivery of an
 * event already processed is a duplicate; one stored but not yet settled (the provider had not finished, or a
 * crash) is claimed again once RECONFIRM_AFTER has passed since the last attempt, so replaying one signed
 * notification cannot make the gateway query the provider in a loop. The payload is redacted again: card data
 * must not reach the table even if an adapter slips.
 */
export async function storeVerified(em: EntityManager, provider: string, site: Site, parsed: ParsedCallback): Promise<{ id: string; claimed: boolean }> {
  const inserted = await em.execute<{ id: string }[]>(
    `insert into provider_event (id, site_id, provider, event_key, type, payload, verified, received_at, attempted_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, true, now(), now()) on conflict (provider, event_key) do nothing returning id`,
    [site.id, provider, parsed.eventKey, parsed.type, redactBody(JSON.stringify(parsed.payload))],
  );
  if (inserted.length) return { id: inserted[0].id, claimed: true };
  const reclaimed = await em.execute<{ id: string }[]>(
    `update provider_event set attempted_at = now()
     where provider = ? and event_key = ? and verified and processed_at is null and (attempted_at is null or attempted_at < now() - interval '${RECONFIRM_AFTER}')
     returning id`,
    [provider, parsed.eventKey],
  );
  if (reclaimed.length) return { id: reclaimed[0].id, claimed: true };
  const existing = await em.execute<{ id: string }[]>('select id from provider_event where provider = ? and event_key = ?', [provider, parsed.eventKey]);
  return { id: existing[0]!.id, claimed: false };
}
