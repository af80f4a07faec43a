import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, GraphQLError, isEnumType, Kind, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { containsCardNumber } from '../../security/scrub';
import { unsafeText } from '../../security/unsafe-text';
import { isCardField, mapVariables, type Path, type Position } from './input-positions';

export const CARD_DATA_OUT_OF_PLACE = 'CARD_DATA_OUT_OF_PLACE';

/** What is wrong with one string of client input at its position, in words that never repeat the value. */
export function inputProblem(text: string, position: Position): { code: string; problem: string } | undefined {
  const unsafe = unsafeText(text);
  if (unsafe) return { code: 'BAD_USER_INPUT', problem: `contains a ${unsafe}` };
  if (position === 'other' && containsCardNumber(text)) {
    return { code: CARD_DATA_OUT_OF_PLACE, problem: 'holds what looks like a card number: card data is accepted only in card.number and card.cvc' };
  }
  return undefined;
}

/** A path as shown to the client: a key that is itself the problem is not repeated. */
export function safePath(path: Path): Path {
  return path.map((segment) => (typeof segment === 'string' && inputProblem(segment, 'other') ? '[key]' : segment));
}

export class InputRefusedError extends GraphQLError {
  constructor(subject: string, path: Path, refusal: { code: string; problem: string }) {
    super(`${subject} ${refusal.problem}.`, { extensions: { code: refusal.code, field: safePath(path), http: { status: 400 } } });
  }
}

/**
 * One gate for every string the client sends in variables (at any depth, object keys included) and its
 * operation name, checked once the operation is known and before anything executes: no NUL byte or lone
 * surrogate (PostgreSQL cannot store them), and no card number outside the card fields (it would be stored
 * in metadata or an idempotency key, and echoed in errors). The answer is a 400 naming the field.
 */
export function inputGuardPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const name = request.operationName ?? operation.name?.value;
          const nameProblem = name === undefined ? undefined : inputProblem(name, 'other');
          if (nameProblem) throw new InputRefusedError('operationName', [], nameProblem);
          // Variables that do not fit their types are refused by execution before anything runs, with a message
          // that names the variable and drops the value; only requests that would execute need this gate.
          if (getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}).errors) return;
          let refused: InputRefusedError | undefined;
          const check = (value: unknown, path: Path, position: Position) => {
            const problem = typeof value === 'string' ? inputProblem(value, position === 'id' ? 'id' : position) : undefined;
            if (problem && !refused) refused = new InputRefusedError(`Variable "$${path[0]}"${path.length > 1 ? ` at "${safePath(path).join('.')}"` : ''}`, path, problem);
          };
          mapVariables(schema, document, operation, request.variables ?? {}, {
            leaf: (value, path, position) => check(value, path, position),
            key: (key, path, position) => {
              if (path.length) check(key, path, position);
              return key;
            },
          });
          if (refused) throw refused;
        },
      };
    },
  };
}

const NOT_TEXT = new Set(['Int', 'Float', 'Boolean']);

/** The same checks on string literals written in the document itself (`"a\u0000b"` is a valid GraphQL string). */
export const safeStringLiteralsRule: ValidationRule = (context: ValidationContext): ASTVisitor => ({
  StringValue(node, _key, parent) {
    const expected = context.getInputType();
    // A string where a number, boolean or enum is expected is already an error (ValuesOfCorrectTypeRule).
    if (expected && (NOT_TEXT.has(getNamedType(expected).name) || isEnumType(getNamedType(expected)))) return;
    const parentType = context.getParentInputType();
    const fieldName = parent && 'kind' in parent && parent.kind === Kind.OBJECT_FIELD ? parent.name.value : undefined;
    const position: Position =
      parentType && fieldName && isCardField(getNamedType(parentType).name, fieldName) ? 'card' : expected && getNamedType(expected).name === 'ID' ? 'id' : 'other';
    const refusal = inputProblem(node.value, position);
    if (refusal) context.reportError(new GraphQLError(`A string literal ${refusal.problem}.`, { nodes: [node], extensions: { code: refusal.code } }));
  },
});
