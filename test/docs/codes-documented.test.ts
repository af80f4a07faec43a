import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphQLEnumType, type GraphQLSchema } from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { documentedValues, undocumented } from './codes-page';

const PAGE = join(__dirname, '..', '..', 'docs', 'codes.md');
const ENUMS = ['UserErrorCode', 'DeclineReasonCode', 'TransactionEventType'] as const;

function enumValues(schema: GraphQLSchema, name: string): string[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum in the built schema`);
  return type.getValues().map((v) => v.name);
}

describe('docs/codes.md documents every code a client can branch on', () => {
  let schema: GraphQLSchema;
  let page: string;
  beforeAll(async () => {
    schema = await createSchema();
    page = await readFile(PAGE, 'utf8');
  });

  it.each(ENUMS)('lists every %s value of the built schema, with its meaning and what to do', (name) => {
    const { missing } = undocumented(enumValues(schema, name), documentedValues(page, name));
    if (missing.length) throw new Error(`docs/codes.md does not document ${name} ${missing.join(', ')}: add a row to its "## ${name}" section`);
  });

  it.each(ENUMS)('lists no %s value the schema no longer has', (name) => {
    const { stale } = undocumented(enumValues(schema, name), documentedValues(page, name));
    if (stale.length) throw new Error(`docs/codes.md documents ${name} ${stale.join(', ')}, which the schema does not have: remove the rows`);
  });

  it('reads a row of each section as documented only with a meaning and an action', () => {
    const sample = '## UserErrorCode\n\n| code | meaning | what to do |\n| --- | --- | --- |\n| `A` | means | do |\n| `B` |  | do |\n\n## Next\n| `C` | x | y |\n';
    expect(documentedValues(sample, 'UserErrorCode')).toEqual(['A']);
    expect(undocumented(['A', 'B'], ['A', 'C'])).toEqual({ missing: ['B'], stale: ['C'] });
  });
});
