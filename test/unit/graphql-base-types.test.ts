import 'reflect-metadata';
import { printSchema } from 'graphql';
import { Arg, buildSchema, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MutationInput } from '../../src/graphql/common/mutation';
import { MutationPayload } from '../../src/graphql/common/user-error.type';

@InputType()
class ProbeInput extends MutationInput {
  @Field()
  name!: string;
}
@ObjectType()
class ProbePayload extends MutationPayload {
  @Field({ nullable: true })
  name?: string;
}
@Resolver()
class ProbeResolver {
  @Query(() => String)
  hello() {
    return 'x';
  }
  @Mutation(() => ProbePayload)
  probe(@Arg('input') input: ProbeInput): ProbePayload {
    return { name: input.name, userErrors: [], replayed: false };
  }
}
it('gives every mutation input idempotencyKey and every payload userErrors, without emitting the base types', async () => {
  const s = printSchema(await buildSchema({ resolvers: [ProbeResolver] }));
  expect(s).toContain('idempotencyKey: String');
  expect(s).toContain('userErrors: [UserError!]!');
  expect(s).not.toContain('MutationInputBase');
  expect(s).not.toContain('MutationPayloadBase');
});
