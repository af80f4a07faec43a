import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

/** What type-graphql's own validation hands class-validator, given buildSchema's `validate: { forbidUnknownValues: false }`. */
const OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };

type Check = (args: object) => boolean;

/** Per arguments class: a synchronous check that is true only where class-validator finds nothing wrong. */
const passes = new Map<Function, Check>();

/**
 * Declares that `check(args) === true` means class-validator would accept these arguments, so it need not run.
 * Where the check is false, class-validator runs and answers as before (its errors, its wording).
 */
export function registerArgsCheck(type: Function, check: Check): void {
  passes.set(type, check);
}

/**
 * buildSchema's `validateFn`: what type-graphql's default validation does, minus its cost on the common case.
 * The default imports class-validator dynamically on every call (copying its ~400 exports each time) and runs
 * it for every argument object: a nested page of 50 orders checked `first`/`after` 100 times, 4–5 % of its CPU.
 * Arguments whose class registered a check (the page arguments, connection.ts) skip class-validator when the
 * check passes; every other argument is validated as before, and a failure is the same ArgumentValidationError.
 */
export const validateArgs: ValidatorFn = (value) => {
  if (value === null || typeof value !== 'object') return;
  if (passes.get((value as object).constructor)?.(value as object)) return;
  return classValidator(value as object);
};

async function classValidator(value: object): Promise<void> {
  try {
    if (Array.isArray(value)) await Promise.all(value.filter((item) => item !== null && typeof item === 'object').map((item) => validateOrReject(item as object, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}
