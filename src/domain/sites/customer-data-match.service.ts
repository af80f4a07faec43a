import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidInputError } from '../../kernel/errors';
import { DEFAULT_MATCH_SETTINGS, MATCH_FIELDS, type CustomerMatchSettings, type MatchField } from '../customers/customer-match';
import { loadActingSite } from '../tenancy';
import type { Site } from './site.entity';

/** A change of some settings; what is omitted stays as it is. The threshold is in percent, as merchants say it. */
export interface CustomerDataMatchChange {
  fields?: readonly string[];
  thresholdPercent?: number;
  acceptAccountless?: boolean;
}

/** The settings a payment of this site is decided with (docs/paysafecard.md "Customer data comparison"). */
export function matchSettingsOf(site: Pick<Site, 'customerDataMatch'>): CustomerMatchSettings {
  return { ...DEFAULT_MATCH_SETTINGS, ...(site.customerDataMatch ?? {}) };
}

/**
 * Changes the acting site's comparison settings: the fields compared (a subset of MATCH_FIELDS; none means any
 * account holder is accepted), the name similarity threshold 0–100 % (stored as 0..1, the form the comparison
 * takes), and whether account-less payments are accepted. Nothing is written unless all of it is valid.
 */
export async function updateCustomerDataMatch(tx: EntityManager, change: CustomerDataMatchChange): Promise<Site> {
  // The acting site is a merchant: a partner key always names one (auth.service.ts).
  const site = await loadActingSite(tx);
  const next = { ...matchSettingsOf(site) };
  if (change.fields !== undefined) next.fields = checkFields(change.fields);
  if (change.thresholdPercent !== undefined) next.threshold = checkThreshold(change.thresholdPercent);
  if (change.acceptAccountless !== undefined) next.acceptAccountless = change.acceptAccountless;
  site.customerDataMatch = next;
  await tx.flush();
  return site;
}

function checkFields(fields: readonly string[]): MatchField[] {
  fields.forEach((field, i) => {
    if (!(MATCH_FIELDS as readonly string[]).includes(field)) {
      throw new InvalidInputError('UNKNOWN_FIELD', `"${field}" is not a compared field; use ${MATCH_FIELDS.join(', ')}`, ['input', 'fields', String(i)]);
    }
  });
  return MATCH_FIELDS.filter((field) => fields.includes(field));
}

function checkThreshold(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new InvalidInputError('INVALID_THRESHOLD', 'the threshold is a similarity in percent, from 0 to 100', ['input', 'threshold']);
  }
  return percent / 100;
}

/** The stored fraction as the percent it was given in (0.9 → 90, not 90.00000000000001). */
export const thresholdPercentOf = (settings: CustomerMatchSettings): number => Math.round(settings.threshold * 1e6) / 1e4;
