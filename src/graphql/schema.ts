import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ErrorsMiddleware } from './common/errors-middleware';
import { ViewerResolver } from './viewer/viewer.resolver';
import { ApiKeyMutationsResolver } from './api-keys/api-key-mutations.resolver';
import { ApiKeyResolver } from './api-keys/api-key.resolver';
import { CustomerMutationsResolver } from './customers/customer-mutations.resolver';
import { OrderMutationsResolver } from './orders/order-mutations.resolver';
import { PartnerGrantMutationsResolver } from './partner-grants/partner-grant-mutations.resolver';
import { PartnerGrantResolver } from './partner-grants/partner-grant.resolver';

/** Every resolver of the API. A new feature adds its resolver here. */
export const resolvers: NonEmptyArray<Function> = [
  ViewerResolver,
  CustomerMutationsResolver,
  OrderMutationsResolver,
  ApiKeyResolver,
  ApiKeyMutationsResolver,
  PartnerGrantResolver,
  PartnerGrantMutationsResolver,
];

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    globalMiddlewares: [ErrorsMiddleware],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
