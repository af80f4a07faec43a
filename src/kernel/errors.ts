import type { UserErrorCodeValue } from './user-error-code';

/**
 * Expected failures. The GraphQL edge turns these into `userErrors { code field message }` on mutations and
 * into typed errors on queries; the message is client-safe (never card data, never another tenant's data).
 */
export class DomainError extends Error {
  constructor(
    readonly code: UserErrorCodeValue,
    message: string,
    readonly field?: string[],
    /** A provider's own code, when this is its refusal (code PROVIDER_REFUSED): never used as the code itself. */
    readonly providerCode?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, field?: string[]) {
    super('NOT_FOUND', `${what} not found`, field);
  }
}

export class InvalidInputError extends DomainError {
  constructor(code: UserErrorCodeValue, message: string, field: string[]) {
    super(code, message, field);
  }
}

export class InvalidStateError extends DomainError {
  constructor(message: string, field?: string[]) {
    super('INVALID_STATE', message, field);
  }
}

/** Authentication and authorization failures are top-level errors, not userErrors. */
export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN',
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
