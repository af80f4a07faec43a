import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { ErrorsMiddleware } from './common/errors-middleware';
import { ViewerResolver } from './viewer/viewer.resolver';

/** Every resolver of the API. A new feature adds its resolver here. */
export const resolvers: NonEmptyArray<Function> = [ViewerResolver];

export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    globalMiddlewares: [ErrorsMiddleware],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
