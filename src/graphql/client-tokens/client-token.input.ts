import { ArrayMaxSize, ArrayNotEmpty, IsInt, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { MAX_CLIENT_TOKEN_SECONDS } from '../../domain/client-tokens/client-token.service';
import { InvalidInputError } from '../../kernel/errors';
import { MutationInput } from '../common/mutation';
import { CardInput } from '../payments/card.input';

@InputType({ description: 'A short-lived token for a browser or mobile app, created by a server key (scope PAY).' })
export class CreateClientTokenInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'The order the token may pay (up to its balance) and read.' })
  orderId?: string | null;

  @Field(() => ID, { nullable: true, description: "The customer tokenized cards belong to; defaults to the order's customer." })
  customerId?: string | null;

  @Field(() => [String], { description: 'Exact origins the browser page runs on, e.g. https://shop.example.com (scheme, host, port; no path).' })
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @Length(1, 200, { each: true })
  allowedOrigins!: string[];

  @Field(() => Int, { defaultValue: 900, description: `Lifetime in seconds, 1–${MAX_CLIENT_TOKEN_SECONDS} (default 900).` })
  @IsInt()
  @Min(1)
  @Max(MAX_CLIENT_TOKEN_SECONDS)
  expiresInSeconds!: number;
}

/** An origin exactly as a browser sends it in the Origin header, else INVALID_ORIGIN on that element. */
export function parseOrigins(origins: string[]): string[] {
  return origins.map((origin, i) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin) {
      throw new InvalidInputError('INVALID_ORIGIN', 'an allowed origin is scheme://host[:port] with no path or trailing slash, e.g. https://shop.example.com', ['input', 'allowedOrigins', String(i)]);
    }
    return origin;
  });
}

@InputType({ description: "A card from the customer's browser, turned into a single-use payment method (client tokens only)." })
export class TokenizeCardInput extends MutationInput {
  @Field(() => CardInput)
  @ValidateNested()
  card!: CardInput;

  @Field(() => String, { nullable: true, description: "Provider key; defaults to the token's order's provider." })
  @IsOptional()
  @Length(1, 64)
  provider?: string | null;
}
