import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';

/** Arguments every root list takes: the page, and a created-at range with exclusive bounds. */
@ArgsType()
export class ListArgs extends ConnectionArgs {
  @Field(() => Date, { nullable: true, description: 'Only items created strictly after this instant.' })
  createdAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Only items created strictly before this instant.' })
  createdBefore?: Date;
}
