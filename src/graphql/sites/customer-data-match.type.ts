import { IsOptional } from 'class-validator';
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import type { CustomerMatchSettings } from '../../domain/customers/customer-match';
import { thresholdPercentOf } from '../../domain/sites/customer-data-match.service';
import { MutationInput } from '../common/mutation';
import { MutationPayload } from '../common/user-error.type';
import { SiteType } from './site.type';

@ObjectType('CustomerDataMatch', { description: 'How a provider\'s customer data (paysafecard\'s customer data exchange) is compared with the site\'s customer before a payment is kept.' })
export class CustomerDataMatchType {
  @Field(() => [String], { description: 'The compared fields: firstName, lastName, birthDate. None: any account holder is accepted.' })
  fields!: string[];

  @Field(() => Float, { description: 'Name similarity needed, in percent (Levenshtein after normalisation; 90 recommended).' })
  threshold!: number;

  @Field({ description: 'Payments made without an account (no customer data) are accepted.' })
  acceptAccountless!: boolean;

  static from(settings: CustomerMatchSettings): CustomerDataMatchType {
    return { fields: [...settings.fields], threshold: thresholdPercentOf(settings), acceptAccountless: settings.acceptAccountless };
  }
}

@InputType({ description: 'Omitted fields keep their value.' })
export class UpdateCustomerDataMatchInput extends MutationInput {
  @Field(() => [String], { nullable: true, description: 'Any of firstName, lastName, birthDate.' })
  @IsOptional()
  fields?: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Percent, 0 to 100.' })
  @IsOptional()
  threshold?: number | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  acceptAccountless?: boolean | null;
}

@ObjectType()
export class UpdateCustomerDataMatchPayload extends MutationPayload {
  @Field(() => SiteType, { nullable: true, description: 'The acting site, with its settings as now stored.' })
  site?: SiteType | null;
}
