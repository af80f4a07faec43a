import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { getNamedType, isCompositeType, Kind, visit, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { MAX_PAGE_SIZE } from '../../domain/read/pagination';

/**
 * GitHub's model, so that a client can work out the cost of a query by reading it: every object the response
 * can hold counts 1, scalars count 0, and a connection's page size multiplies everything selected inside it.
 * A page is assumed full: `first` as sent, or the argument's default (20) when absent.
 *
 *   orders(first: 100) { nodes { customer { id } } }   =  1 + 100 × (1 + 1)  =  201
 */
export const objectCountEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0;
  if (!isCompositeType(getNamedType(field.type))) return 0;
  const pageSize = args.first ?? args.last;
  if (typeof pageSize === 'number') return 1 + countable(pageSize) * childComplexity;
  if (Array.isArray(args.ids)) return countable(args.ids.length) * (1 + childComplexity);
  return 1 + childComplexity;
};

/**
 * Sizes outside 0…MAX_PAGE_SIZE are refused by the field itself when it runs, so they count as the nearest
 * bound: `first: 1000000` gets the page-size error that names the problem instead of a cost error, and a
 * negative cost on one alias cannot pay for a large one beside it.
 */
function countable(size: number): number {
  return Math.min(Math.max(0, size), MAX_PAGE_SIZE);
}

/** Fragments are expanded for every spread; past this many selections the query is refused rather than walked. */
export const MAX_EXPANDED_SELECTIONS = 10_000;

const TOO_MANY_NODES = 'Query exceeds the maximum allowed number of nodes.';

export type CostResult =
  | { kind: 'cost'; cost: number }
  /** Variables that do not fit the operation: execution reports them (BAD_USER_INPUT), cost is not computed. */
  | { kind: 'invalid-variables' }
  | { kind: 'too-many-selections' };

/**
 * Costs that nothing but the document decides: operations that declare no variables, or whose variables reach
 * no argument the cost reads (`first`, `last`, `ids`) and no directive (`@include`/`@skip`); a mutation's
 * `$input` is the common case. Apollo keeps each parsed document (and so its operation node) for later
 * requests with the same text, so a repeated operation is walked once; both maps are weak, so a document Apollo
 * drops is forgotten here too. Variables are still coerced on every request, so ones that do not fit are
 * reported as before (and never counted).
 */
const fixedCosts = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, CostResult>>();
const variableCosts = new WeakMap<DocumentNode, boolean>();

/** The cost of one resolved operation of a validated document, with the request's variables. */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): CostResult {
  if (operation.variableDefinitions?.length) {
    if (costReadsVariables(document)) return computeCost(schema, document, operation, variables);
    if (getVariableValues(schema, operation.variableDefinitions, variables ?? {}).errors) return { kind: 'invalid-variables' };
  }
  let known = fixedCosts.get(schema);
  if (!known) fixedCosts.set(schema, (known = new WeakMap()));
  let result = known.get(operation);
  if (!result) known.set(operation, (result = computeCost(schema, document, operation, variables)));
  return result;
}

/** Whether a variable reaches what the estimator reads, anywhere in the document (every operation and fragment). */
function costReadsVariables(document: DocumentNode): boolean {
  let reads = variableCosts.get(document);
  if (reads === undefined) {
    reads = false;
    visit(document, {
      Directive(node) {
        if (node.arguments?.some((a) => holdsVariable(a.value))) reads = true;
      },
      Argument(node) {
        if (COST_ARGUMENTS.has(node.name.value) && holdsVariable(node.value)) reads = true;
      },
    });
    variableCosts.set(document, reads);
  }
  return reads;
}

/** The field arguments objectCountEstimator reads. */
const COST_ARGUMENTS = new Set(['first', 'last', 'ids']);

function holdsVariable(value: ValueNode): boolean {
  if (value.kind === Kind.VARIABLE) return true;
  if (value.kind === Kind.LIST) return value.values.some(holdsVariable);
  if (value.kind === Kind.OBJECT) return value.fields.some((f) => holdsVariable(f.value));
  return false;
}

function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): CostResult {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  if (coerced.errors) return { kind: 'invalid-variables' };
  const query: DocumentNode = {
    ...document,
    definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION),
  };
  try {
    const cost = getComplexity({
      schema,
      query,
      variables,
      estimators: [objectCountEstimator],
      maxQueryNodes: MAX_EXPANDED_SELECTIONS,
    });
    return { kind: 'cost', cost };
  } catch (error) {
    if (error instanceof Error && error.message === TOO_MANY_NODES) return { kind: 'too-many-selections' };
    throw error;
  }
}
