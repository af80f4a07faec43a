import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

/** What a ciphertext is bound to: decrypting it for any other site or provider fails. */
export interface CredentialsOwner {
  siteId: string;
  provider: string;
}

/**
 * Provider credentials at rest: AES-256-GCM with the key from ENCRYPTION_KEY (or the embedded default's key
 * file). Stored as `v2.<iv>.<tag>.<ciphertext>` in base64url, with the site id and provider key as associated
 * data, so someone who can write the database can't move one site's credentials to another site (or to
 * another provider of the same site): the tag no longer checks. `v1` (no associated data) is only read by
 * `upgradeLegacy`, which start-up runs once over every row (see reseal-credentials.ts).
 */
export class CredentialCipher {
  /** Made once: a raw Buffer key is turned into a key object on every cipher (about 1 % of a payment's CPU). */
  private readonly key: KeyObject;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('the credentials key must be 32 bytes');
    this.key = createSecretKey(key);
  }

  encrypt(value: Record<string, string>, owner: CredentialsOwner): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(associatedData(owner));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return ['v2', iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Throws when the ciphertext is unreadable, of the old format, or sealed for another site or provider. */
  decrypt(sealed: string, owner: CredentialsOwner): Record<string, string> {
    return this.open(sealed, 'v2', owner);
  }

  isLegacy(sealed: string): boolean {
    return sealed.startsWith('v1.');
  }

  /** A v1 ciphertext re-sealed as v2 for its owner. Only start-up calls this, on rows still in the old format. */
  upgradeLegacy(sealed: string, owner: CredentialsOwner): string {
    return this.encrypt(this.open(sealed, 'v1'), owner);
  }

  private open(sealed: string, expected: 'v1' | 'v2', owner?: CredentialsOwner): Record<string, string> {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== expected || !iv || !tag || !body) throw new Error('unreadable credentials');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    if (owner) decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as Record<string, string>;
  }
}

function associatedData(owner: CredentialsOwner): Buffer {
  return Buffer.from(`paygraph:credentials:site=${owner.siteId}:provider=${owner.provider}`, 'utf8');
}
