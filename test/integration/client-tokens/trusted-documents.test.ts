import { readFile } from 'node:fs/promises';
import { TRUSTED_DOCUMENTS_FILE, trustedDocumentsJson } from '../../../src/client/trusted-documents-cli';
import { documentHash } from '../../../src/client/trusted-documents';

describe('schema/trusted-documents.json, the operations client tokens may run', () => {
  it('is the generated client\'s operations by hash, or the test says to run npm run generate', async () => {
    const committed = await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8');
    if (committed !== trustedDocumentsJson()) throw new Error('schema/trusted-documents.json is stale: run `npm run generate` and commit it');
  });

  it('registers each document under the SHA-256 of the exact text the typed client sends', async () => {
    const documents = JSON.parse(await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8')) as Record<string, { operationName: string; query: string }>;
    const names = Object.values(documents).map((d) => d.operationName);
    expect(names).toEqual(expect.arrayContaining(['TokenizeCard', 'Pay', 'Order', 'Transaction']));
    for (const [hash, doc] of Object.entries(documents)) expect(documentHash(doc.query)).toBe(hash);
  });
});
