import { Kind, print, type DocumentNode } from 'graphql';
import * as operations from '../../client/generated/graphql';

export interface PlaygroundTab {
  query: string;
}

/**
 * The typed client's documents (schema/operations, the trusted documents) as the playground's opening tabs: one
 * tab per operation, with exactly the fragments it uses, so each runs as it is (a tab holding an unused
 * fragment would fail validation). The generated module already carries each operation with its fragments.
 */
export function trustedDocumentTabs(): PlaygroundTab[] {
  return Object.entries(operations)
    .filter(([name, value]) => name.endsWith('Document') && isDocument(value))
    .map(([, document]) => document as DocumentNode)
    .sort((a, b) => operationName(a).localeCompare(operationName(b)))
    .map((document) => ({ query: print(document) + '\n' }));
}

function isDocument(value: unknown): boolean {
  return (value as DocumentNode | undefined)?.kind === Kind.DOCUMENT;
}

function operationName(document: DocumentNode): string {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return operation?.kind === Kind.OPERATION_DEFINITION ? (operation.name?.value ?? '') : '';
}
