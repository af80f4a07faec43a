import { createHash } from 'node:crypto';
import { Kind, print, type DocumentNode } from 'graphql';

/** A trusted document: the text the typed client sends for one operation, registered under its SHA-256. */
export interface TrustedDocument {
  operationName: string;
  query: string;
}

export type TrustedDocuments = Record<string, TrustedDocument>;

/** The hash Apollo's persisted queries use: SHA-256 of the query text, lowercase hex. */
export function documentHash(query: string): string {
  return createHash('sha256').update(query).digest('hex');
}

/**
 * Every operation document the generated client exports (src/client/generated/graphql.ts), printed exactly as
 * PaygraphClient prints it, keyed by hash and sorted, so the manifest changes only when an operation does.
 */
export function trustedDocumentsOf(generated: Record<string, unknown>): TrustedDocuments {
  const entries = Object.values(generated).flatMap((value) => {
    const doc = value as DocumentNode;
    if (doc?.kind !== Kind.DOCUMENT) return [];
    const operation = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION || !operation.name) return [];
    const query = print(doc);
    return [[documentHash(query), { operationName: operation.name.value, query }] as const];
  });
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}
