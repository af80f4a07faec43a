import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { CARD_DATA_FIELDS, CARD_DATA_TYPE } from '../../graphql/payments/card.input';

export type Path = (string | number)[];

/** What a value is, by where it lands in the schema: card data, a GraphQL ID, or any other input. */
export type Position = 'card' | 'id' | 'other';

/**
 * Maps each leaf of the request's variables (strings, numbers, booleans) and each object key, knowing where it
 * lands. Keys are passed as strings with the position of the object that holds them.
 */
export interface LeafMapper {
  leaf(value: unknown, path: Path, position: Position): unknown;
  key(key: string, path: Path, position: Position): string;
}

/** Whether an input field (`Type.field`) holds card data. */
export function isCardField(parent: string, field: string): boolean {
  return parent === CARD_DATA_TYPE || CARD_DATA_FIELDS.has(`${parent}.${field}`);
}

/** Per parsed document (Apollo hands every repeat of a query text the same DocumentNode): the walk is its largest cost. */
const cardVariablesOf = new WeakMap<DocumentNode, { schema: GraphQLSchema; names: ReadonlySet<string> }>();

/**
 * Variables the document places where card data goes (`card: { cvc: $csc }`), whatever they are called:
 * the type of a variable says nothing when it is a plain String.
 */
export function cardVariables(schema: GraphQLSchema, document: DocumentNode): ReadonlySet<string> {
  const cached = cardVariablesOf.get(document);
  if (cached?.schema === schema) return cached.names;
  const names = findCardVariables(schema, document);
  cardVariablesOf.set(document, { schema, names });
  return names;
}

function findCardVariables(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (node.value.kind !== Kind.VARIABLE || !parent) return;
        const named = getNamedType(parent);
        if (isCardField(named.name, node.name.value) || getNamedType(typeInfo.getInputType() ?? parent).name === CARD_DATA_TYPE) {
          names.add(node.value.name.value);
        }
      },
      Argument(node) {
        const type = typeInfo.getArgument()?.type;
        if (node.value.kind === Kind.VARIABLE && type && getNamedType(type).name === CARD_DATA_TYPE) names.add(node.value.name.value);
      },
    }),
  );
  return names;
}

/**
 * A copy of the request's variables with every leaf and key mapped, walked along the operation's variable
 * types. Variables the operation does not define are walked as 'other'.
 */
export function mapVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  mapper: LeafMapper,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries = Object.entries(variables);
  if (entries.length === 0) return out;
  const card = cardVariables(schema, document);
  const defined = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d]));
  for (const [name, value] of entries) {
    const definition = defined.get(name);
    const type = definition ? (typeFromAST(schema, definition.type) as GraphQLInputType | undefined) : undefined;
    out[mapper.key(name, [], 'other')] = mapValue(value, type, [name], card.has(name) ? 'card' : undefined, mapper, 0);
  }
  return out;
}

function mapValue(value: unknown, type: GraphQLInputType | undefined, path: Path, forced: Position | undefined, mapper: LeafMapper, depth: number): unknown {
  if (depth > 64) return '[too deep]';
  const nullable = type && getNullableType(type);
  if (nullable && getNamedType(nullable).name === CARD_DATA_TYPE) forced = 'card';
  if (Array.isArray(value)) {
    const item = nullable && isListType(nullable) ? nullable.ofType : undefined;
    return value.map((entry, i) => mapValue(entry, item, [...path, i], forced, mapper, depth + 1));
  }
  if (value && typeof value === 'object') {
    const object = nullable && isInputObjectType(nullable) ? nullable : undefined;
    const fields = object?.getFields();
    return Object.fromEntries(
      Object.entries(value).map(([key, entry]) => {
        const inCard = forced ?? (object && isCardField(object.name, key) ? 'card' : undefined);
        return [mapper.key(key, [...path, key], forced ?? 'other'), mapValue(entry, fields?.[key]?.type, [...path, key], inCard, mapper, depth + 1)];
      }),
    );
  }
  const position = forced ?? (nullable && getNamedType(nullable).name === 'ID' ? 'id' : 'other');
  return mapper.leaf(value, path, position);
}
