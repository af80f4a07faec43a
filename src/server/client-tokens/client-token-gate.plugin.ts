import type { ApolloServerPlugin } from '@apollo/server';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getArgumentValues, GraphQLError, Kind, type FieldNode, type GraphQLObjectType, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { AuthError } from '../../kernel/errors';
import type { ClientTokenGrant } from '../../domain/sites/principal';
import type { Context } from '../../graphql/context';
import { CLIENT_TOKEN_RULES } from './client-token-rules';

/**
 * What a client token may run, decided before anything executes, over HTTP (this plugin) and WebSocket
 * (subscriptions.ts) alike: each root field must have a rule in CLIENT_TOKEN_RULES, and the rule sees the
 * field's arguments with the variables applied. The document itself was already checked against the trusted
 * documents (trusted-documents.ts), so nested selections are the registered ones.
 */
export function clientTokenGatePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const grant = contextValue.principal?.clientToken;
      if (!grant) return;
      return {
        async didResolveOperation({ schema, operation, request }) {
          if (operation) await checkClientTokenOperation(schema, operation, request.variables ?? {}, grant, contextValue.em);
        },
      };
    },
  };
}

/** Throws a FORBIDDEN GraphQLError for the first root field the grant does not allow. */
export async function checkClientTokenOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  grant: ClientTokenGrant,
  em: EntityManager,
): Promise<void> {
  const root = schema.getRootType(operation.operation) as GraphQLObjectType;
  for (const field of rootFields(operation)) {
    if (field.name.value === '__typename') continue;
    const rule = CLIENT_TOKEN_RULES[`${root.name}.${field.name.value}`];
    const definition = root.getFields()[field.name.value];
    if (!rule || !definition) throw forbidden(`client tokens cannot run ${field.name.value}: they may only tokenize a card, pay their order and read or follow it`);
    try {
      await rule(getArgumentValues(definition, field, variables), grant, em);
    } catch (error) {
      throw error instanceof AuthError ? forbidden(error.message) : error;
    }
  }
}

function rootFields(operation: OperationDefinitionNode): FieldNode[] {
  return operation.selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) throw forbidden('client tokens cannot spread fragments at the root of an operation');
    return selection;
  });
}

function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}
