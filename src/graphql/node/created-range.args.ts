import { ArgsType, Field } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';

/** Arguments every root list takes: the page, and created-at and updated-at ranges with exclusive bounds. */
@ArgsType()
export class ListArgs extends ConnectionArgs {
  @Field(() => Date, { nullable: true, description: 'Only items created strictly after this instant.' })
  createdAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Only items created strictly before this instant.' })
  createdBefore?: Date;

  @Field(() => Date, { nullable: true, description: 'Only items last changed strictly after this instant (e.g. to sync what changed since a run).' })
  updatedAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Only items last changed strictly before this instant.' })
  updatedBefore?: Date;
}
