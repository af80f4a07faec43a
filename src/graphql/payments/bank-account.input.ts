import { IsEmail, IsOptional, Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import type { RawBankAccount } from '../../kernel/bank-account-validation';

/**
 * A US bank account for an ACH eCheck (providers whose capabilities say bankAccountPayments). The account
 * number is treated like card data: it goes to the provider and nowhere else, and only its last four are kept.
 */
@InputType()
export class BankAccountInput {
  @Field({ description: 'The 9-digit ABA routing number; checked with the ABA checksum before anything is sent.' })
  routingNumber!: string;

  @Field({ description: 'The account number, digits only (4–17).' })
  accountNumber!: string;

  @Field(() => String, { nullable: true, description: 'The check number, digits only.' })
  checkNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The check date, yyyy-mm-dd.' })
  checkDate?: string | null;

  @Field(() => String, { nullable: true, description: 'The account holder; first and last name when the customer has none.' })
  @IsOptional()
  @Length(1, 100)
  holderName?: string | null;

  @Field(() => String, { nullable: true, description: "The payer's e-mail (the provider requires one); defaults to the customer's." })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string | null;
}

export function toRawBankAccount(input: BankAccountInput): RawBankAccount {
  return {
    routingNumber: input.routingNumber.trim(),
    accountNumber: input.accountNumber.replace(/[\s-]/g, ''),
    checkNumber: input.checkNumber ?? undefined,
    checkDate: input.checkDate ?? undefined,
    holderName: input.holderName ?? undefined,
    email: input.email ?? undefined,
  };
}
