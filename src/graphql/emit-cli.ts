import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

/** The file lives in the repository root, whether this runs from src/ (ts-jest) or from dist/src/ (npm script). */
export const SCHEMA_FILE = join(packageRoot(__dirname), 'schema', 'schema.graphql');

function packageRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

const HEADER =
  '# Emitted from the code-first schema (src/graphql/schema.ts) by `npm run schema:emit`. Do not edit by hand.\n\n';

/**
 * The contract as SDL. Sorted, so the file changes only when the schema does and not when resolvers are
 * registered in another order.
 */
export async function emitSchemaSdl(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}

/** Writes the SDL to file when it differs; with check, writes nothing and only says whether it is current. */
export async function emitSchemaFile(file: string, options: { check: boolean }): Promise<{ stale: boolean }> {
  const sdl = await emitSchemaSdl();
  const stale = (await readFile(file, 'utf8').catch(() => '')) !== sdl;
  if (stale && !options.check) await writeFile(file, sdl);
  return { stale };
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const { stale } = await emitSchemaFile(SCHEMA_FILE, { check });
  if (check && stale) {
    process.stderr.write(`${SCHEMA_FILE} is stale: run \`npm run schema:emit\` and commit it.\n`);
    return 1;
  }
  process.stdout.write(`${stale ? 'wrote' : 'unchanged'} ${SCHEMA_FILE}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`schema emit failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
