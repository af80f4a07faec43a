import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema } from 'graphql';
import { emitSchemaFile, emitSchemaSdl, SCHEMA_FILE } from '../../src/graphql/emit-cli';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** The first line where two texts differ, so a stale-file failure says what changed. */
function firstDifference(a: string, b: string): string {
  const [left, right] = [a.split('\n'), b.split('\n')];
  const i = left.findIndex((line, n) => line !== right[n]);
  const at = i === -1 ? left.length : i;
  return `line ${at + 1}: committed ${JSON.stringify(left[at])}, code-first ${JSON.stringify(right[at])}`;
}

describe('schema/schema.graphql, the emitted contract', () => {
  it('is identical to the code-first schema, or the test says to run npm run schema:emit', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8');
    const emitted = await emitSchemaSdl();
    if (committed !== emitted) {
      throw new Error(`schema/schema.graphql is stale: run \`npm run schema:emit\` and commit it (${firstDifference(committed, emitted)})`);
    }
  });

  it('is valid SDL that declares the viewer query', async () => {
    const schema = buildSchema(await readFile(SCHEMA_FILE, 'utf8'));
    expect(schema.getQueryType()?.getFields().viewer).toBeDefined();
  });

  it('emits the same text twice in a row, so the file only changes when the schema does', async () => {
    expect(await emitSchemaSdl()).toBe(await emitSchemaSdl());
  });

  describe('the emitter', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'schema-emit-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('rewrites a stale file with the current schema and then reports it current', async () => {
      const file = join(dir, 'schema.graphql');
      await writeFile(file, 'type Query { stale: String }\n');
      expect(await emitSchemaFile(file, { check: false })).toEqual({ stale: true });
      expect(await readFile(file, 'utf8')).toBe(await emitSchemaSdl());
      expect(await emitSchemaFile(file, { check: true })).toEqual({ stale: false });
    });

    it('in check mode reports a stale file and leaves it untouched', async () => {
      const file = join(dir, 'check.graphql');
      await writeFile(file, 'type Query { stale: String }\n');
      expect(await emitSchemaFile(file, { check: true })).toEqual({ stale: true });
      expect(await readFile(file, 'utf8')).toBe('type Query { stale: String }\n');
    });
  });
});

describe('the generated typed client (src/client/generated)', () => {
  it('matches what npm run codegen makes from the committed schema and operations', async () => {
    const bin = join(ROOT, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js');
    const result = await run(process.execPath, [bin, '--config', 'codegen.yml', '--check'], { cwd: ROOT }).then(
      () => ({ code: 0, output: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, output: `${error.stdout}${error.stderr}` }),
    );
    if (result.code !== 0) {
      throw new Error(`the generated client is stale: run \`npm run codegen\` and commit it\n${result.output}`);
    }
  });
});
