import { Client } from 'pg';
import type { ApiKey } from './api-key.entity';

/** The channel a revocation is announced on; every gateway instance listens (see `listenForRevocations`). */
export const REVOKED_CHANNEL = 'paygraph_api_key_revoked';

/**
 * API keys with their site, as read from the database, kept a few seconds per prefix so a client's burst of
 * requests reads its key once (authentication was a statement per request). The secret is still checked on
 * every request against the stored hash, so a wrong secret never passes.
 *
 * Revocation stays immediate: the instance that revokes drops the key at once and announces it with
 * pg_notify; every other instance drops it when the notification arrives. If an instance is not listening
 * (not started, or its listening connection broke) it caches nothing, and the TTL bounds what a lost
 * notification could cost.
 */
export class VerifiedKeys {
  private readonly keys = new Map<string, { key: ApiKey; expiresAt: number }>();
  /** Connections currently listening for revocations (one per running app; tests may run several). */
  private listeners = 0;

  constructor(private readonly ttlMs = 5_000, private readonly maxEntries = 10_000) {}

  get(prefix: string, now = Date.now()): ApiKey | undefined {
    const hit = this.keys.get(prefix);
    if (!hit) return undefined;
    if (hit.expiresAt > now && this.listeners > 0) return hit.key;
    this.keys.delete(prefix);
    return undefined;
  }

  /** Only keys that are valid now, and only while revocations can reach this instance. */
  remember(prefix: string, key: ApiKey, now = Date.now()): void {
    if (this.listeners === 0 || key.revokedAt) return;
    if (this.keys.size >= this.maxEntries) this.keys.clear();
    this.keys.set(prefix, { key, expiresAt: now + this.ttlMs });
  }

  forget(prefix: string): void {
    this.keys.delete(prefix);
  }

  listenerUp(): void {
    this.listeners++;
  }

  /** A listener stopped or lost its connection: notifications may have been missed, so forget everything. */
  listenerDown(): void {
    this.listeners = Math.max(0, this.listeners - 1);
    this.keys.clear();
  }
}

export const verifiedKeys = new VerifiedKeys();

/**
 * LISTENs on its own connection (a pooled one may be handed to another request) and forgets each revoked
 * prefix. While the connection is down the cache is off; it reconnects after a second. Returns a stop.
 */
export async function listenForRevocations(databaseUrl: string, cache: VerifiedKeys = verifiedKeys, onError?: (error: unknown) => void): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let up = false;
  const down = () => {
    if (up) cache.listenerDown();
    up = false;
  };
  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: databaseUrl });
    c.on('notification', (message) => message.payload && cache.forget(message.payload));
    c.on('error', (error) => {
      down();
      onError?.(error);
      void c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(onError), 1_000).unref();
    });
    await c.connect();
    await c.query(`listen ${REVOKED_CHANNEL}`);
    client = c;
    if (stopped) return void (await c.end().catch(() => undefined));
    up = true;
    cache.listenerUp();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    down();
    await client?.end().catch(() => undefined);
  };
}
