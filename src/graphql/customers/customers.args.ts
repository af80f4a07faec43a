import { MetadataFilterInput } from '../common/list-filters.input';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field } from 'type-graphql';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class CustomersArgs extends ListArgs {
  @Field(() => String, { nullable: true, description: 'Exact email, compared case-insensitively.' })
  @IsOptional()
  @MaxLength(320)
  email?: string;

  @Field(() => String, { nullable: true, description: "The merchant's own customer id, exact." })
  @IsOptional()
  @MaxLength(255)
  externalId?: string;

  @Field(() => [MetadataFilterInput], { nullable: true, description: 'Only items whose metadata holds every given key with exactly its value.' })
  metadata?: MetadataFilterInput[];
}
