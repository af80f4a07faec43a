import { getMetadataStorage, IS_OPTIONAL, validateOrReject, ValidationTypes, type ValidationError, type ValidatorOptions } from 'class-validator';
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
  const type = (value as object).constructor;
  if (passes.get(type)?.(value as object)) return;
  if (onlyBaseGiven(type, value as Record<string, unknown>)) return;
  return classValidator(value as object);
};

/** Per subclass of a registered class: the base's check and own keys, when only the base's constraints apply to those keys. */
const bases = new Map<Function, { check: Check; keys: Set<string> } | null>();

/**
 * A subclass of a registered class (ListArgs and OrdersArgs extend ConnectionArgs) given none of its own
 * arguments: class-validator skips every absent property (skipMissingProperties), so only the base's constraints
 * can fail, and the base's check answers for them. Holds only when the subclass declares no constraint on the
 * base's keys and nothing that runs for an absent property (@IsDefined, @ValidateIf; @IsOptional is fine).
 */
function onlyBaseGiven(type: Function, value: Record<string, unknown>): boolean {
  let base = bases.get(type);
  if (base === undefined) bases.set(type, (base = baseOf(type)));
  if (!base) return false;
  for (const key of Object.keys(value)) {
    if (!base.keys.has(key) && value[key] !== undefined && value[key] !== null) return false;
  }
  return base.check(value);
}

function baseOf(type: Function): { check: Check; keys: Set<string> } | null {
  let ancestor = Object.getPrototypeOf(type) as Function | null;
  while (ancestor && !passes.has(ancestor)) ancestor = Object.getPrototypeOf(ancestor) as Function | null;
  if (!ancestor) return null;
  const keys = new Set(Object.keys(new (ancestor as new () => object)()));
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
  const safe = metadatas.every((m) =>
    keys.has(m.propertyName)
      ? m.target === ancestor
      : m.type !== ValidationTypes.IS_DEFINED && (m.type !== ValidationTypes.CONDITIONAL_VALIDATION || m.name === IS_OPTIONAL),
  );
  return safe ? { check: passes.get(ancestor)!, keys } : null;
}

async function classValidator(value: object): Promise<void> {
  try {
    if (Array.isArray(value)) await Promise.all(value.filter((item) => item !== null && typeof item === 'object').map((item) => validateOrReject(item as object, OPTIONS)));
    else await validateOrReject(value, OPTIONS);
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}
