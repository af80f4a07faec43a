import { distance } from 'fastest-levenshtein';

/**
 * The customer data comparison of paysafecard's customer data exchange (docs/paysafecard.md "Customer data
 * comparison"): paysafecard returns the account holder's data un-normalised, the merchant compares it with its
 * own and declines on a mismatch. The document recommends a tolerance: Levenshtein similarity of 90 % after
 * normalising case, accents (Bàuer/Bauer), ß/ss (Mußterman/Mussterman) and middle names carried in the first
 * name (Johannes B. Kerner/Johannes Kerner); dates of birth are compared as dates whatever their format.
 */
export type MatchField = 'firstName' | 'lastName' | 'birthDate';

export const MATCH_FIELDS: readonly MatchField[] = ['firstName', 'lastName', 'birthDate'];

export interface CustomerMatchSettings {
  /** Fields compared; the document's three by default. */
  fields: readonly MatchField[];
  /** Similarity a name needs, 0..1 (the document recommends 0.9). */
  threshold: number;
  /** Accept payments made without a my paysafecard account (they carry no customer data to compare). */
  acceptAccountless: boolean;
}

export const DEFAULT_MATCH_SETTINGS: CustomerMatchSettings = { fields: MATCH_FIELDS, threshold: 0.9, acceptAccountless: true };

export interface PersonData {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  birthDate?: string;
}

/** Lower case, ß as ss, accents and punctuation removed, spaces collapsed. */
export function normalizeName(value: string): string {
  return value
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 − Levenshtein distance / length of the longer: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** Names match when similar enough, whole or without middle names (a first name's extra words, in either system). */
export function namesMatch(ours: string, theirs: string, threshold: number, firstName: boolean): boolean {
  const a = normalizeName(ours);
  const b = normalizeName(theirs);
  if (!a || !b) return false;
  if (similarity(a, b) >= threshold) return true;
  if (!firstName) return false;
  const given = (s: string) => s.split(' ')[0]!;
  return similarity(given(a), given(b)) >= threshold;
}

/**
 * A date of birth in any of the formats merchants and providers use: yyyy-mm-dd (with or without a time),
 * yyyy/mm/dd, yyyymmdd, and the European dd.mm.yyyy and dd/mm/yyyy. Answers yyyy-mm-dd, or undefined when it is
 * not a real calendar date.
 */
export function parseDate(value: string): string | undefined {
  const text = value.trim();
  const patterns: [RegExp, (m: RegExpExecArray) => [string, string, string]][] = [
    [/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/, (m) => [m[1]!, m[2]!, m[3]!]],
    [/^(\d{4})(\d{2})(\d{2})$/, (m) => [m[1]!, m[2]!, m[3]!]],
    [/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/, (m) => [m[3]!, m[2]!, m[1]!]],
  ];
  for (const [pattern, parts] of patterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [y, m, d] = parts(match).map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

export function datesMatch(ours: string, theirs: string): boolean {
  const a = parseDate(ours);
  return a !== undefined && a === parseDate(theirs);
}

export interface FieldMismatch {
  field: MatchField;
  ours: string;
  theirs: string;
}

/** The first compared field that does not match (in the order first name, last name, birth date), or undefined. */
export function compareCustomer(ours: PersonData, theirs: PersonData, settings: CustomerMatchSettings): FieldMismatch | undefined {
  const first = [ours.firstName, ours.middleName].filter(Boolean).join(' ');
  for (const field of MATCH_FIELDS.filter((f) => settings.fields.includes(f))) {
    const our = field === 'firstName' ? first : (ours[field] ?? '');
    const their = theirs[field] ?? '';
    const ok = field === 'birthDate' ? datesMatch(our, their) : namesMatch(our, their, settings.threshold, field === 'firstName');
    if (!ok) return { field, ours: our, theirs: their };
  }
  return undefined;
}
