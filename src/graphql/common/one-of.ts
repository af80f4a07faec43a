import { isInputObjectType, type GraphQLSchema } from 'graphql';

/**
 * type-graphql (2.0 rc) has no option for OneOf input objects, though graphql-js 16.9+ implements them
 * (`isOneOf`: validation of literals and variables, introspection's `isOneOf`, `@oneOf` in printed SDL). An
 * input class marks itself with `@Directive('@oneOf')`, which type-graphql keeps on the type's AST node; this
 * turns that mark into the real flag, once, before the schema serves or is printed. graphql-js then refuses
 * two members or none while validating the request, before any resolver runs.
 */
export function applyOneOfDirectives(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInputObjectType(type) && type.astNode?.directives?.some((d) => d.name.value === 'oneOf')) type.isOneOf = true;
  }
  return schema;
}
