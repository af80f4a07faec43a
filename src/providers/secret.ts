import { inspect } from 'node:util';

/**
 * A value that must reach the provider and nowhere else (card number, CVV, a provider secret key). Its
 * `toJSON`, `toString` and `inspect` redact, so logging or serializing the object that holds it is safe;
 * only `reveal()` — called by an adapter while it builds the wire body — gives the value back.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}
