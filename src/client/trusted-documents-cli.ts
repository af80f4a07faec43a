import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as generated from './generated/graphql';
import { trustedDocumentsOf } from './trusted-documents';

function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

/** schema/trusted-documents.json: the operations client tokens may run (docs/client-tokens.md). */
export const TRUSTED_DOCUMENTS_FILE = join(packageRoot(__dirname), 'schema', 'trusted-documents.json');

export function trustedDocumentsJson(): string {
  return JSON.stringify(trustedDocumentsOf(generated), null, 2) + '\n';
}

async function main(): Promise<number> {
  const text = trustedDocumentsJson();
  const stale = (await readFile(TRUSTED_DOCUMENTS_FILE, 'utf8').catch(() => '')) !== text;
  if (stale) await writeFile(TRUSTED_DOCUMENTS_FILE, text);
  process.stdout.write(`${stale ? 'wrote' : 'unchanged'} ${TRUSTED_DOCUMENTS_FILE}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`trusted documents failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
