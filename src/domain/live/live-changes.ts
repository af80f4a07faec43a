import { Client } from 'pg';
import { REVOKED_CHANNEL } from '../sites/verified-keys';

/** The channel the change triggers NOTIFY on (migration Migration20261127204000_h12s_live_changes). */
export const CHANGES_CHANNEL = 'paygraph_changes';
/** How the listening connection names itself in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'paygraph-live-changes';

export type ChangeKind = 'Transaction' | 'Order' | 'Payout';

/** A subscriber's interest: changes of one kind in one site, of one row or of any. */
export interface Watch {
  siteId: string;
  kind: ChangeKind;
  id?: string;
  /** Called on a matching notice, and on every (re)connect, since notices sent while down are lost. */
  wake(): void;
}

interface LogSink {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * One LISTEN connection per gateway instance, shared by all its subscribers. A notice carries only
 * `<Kind>:<site id>:<row id>`; a woken subscriber re-reads under its own site scope, so a notice can be lost,
 * repeated or merged without harm as long as the subscriber is woken after it. That is why a (re)connect
 * wakes everyone: notices sent while the connection was down are gone, and the table still has the truth.
 * It also hears API key revocations, for the open WebSocket connections of a revoked key. The connection is
 * opened by the first watch or revocation listener, not at start, so an instance nobody connects to holds none.
 */
export class LiveChanges {
  private readonly bySite = new Map<string, Set<Watch>>();
  private readonly revocationListeners = new Set<(prefix: string) => void>();
  private client?: Client;
  private connecting?: Promise<void>;
  private retry?: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: LogSink,
    private readonly retryMs = 1_000,
  ) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Adds the watch and resolves once LISTEN is in place (or has failed and is being retried), so a read made
   * after it cannot miss a later commit. Returns the unwatch.
   */
  async watch(watch: Watch): Promise<() => void> {
    let set = this.bySite.get(watch.siteId);
    if (!set) this.bySite.set(watch.siteId, (set = new Set()));
    set.add(watch);
    await this.ensureListening();
    return () => {
      set.delete(watch);
      if (set.size === 0 && this.bySite.get(watch.siteId) === set) this.bySite.delete(watch.siteId);
    };
  }

  /**
   * Calls `listener` with the prefix of each API key revoked on any instance (the notice api-key.service.ts
   * sends), so open WebSocket connections of that key can be closed at once. Returns the stop.
   */
  onKeyRevoked(listener: (prefix: string) => void): () => void {
    this.revocationListeners.add(listener);
    void this.ensureListening();
    return () => this.revocationListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl, application_name: LISTENER_APPLICATION_NAME });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.log.warn({ error: error === undefined ? 'connection ended' : String(error) }, 'live changes: LISTEN connection lost; reconnecting');
      this.scheduleRetry();
    };
    client.on('notification', (message) => {
      if (message.channel === CHANGES_CHANNEL) this.dispatch(message.payload ?? '');
      else if (message.channel === REVOKED_CHANNEL && message.payload) for (const listener of this.revocationListeners) listener(message.payload);
    });
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}; listen ${REVOKED_CHANNEL}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.wakeAll();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.ensureListening().then(() => this.client && this.log.info({}, 'live changes: listening again')), this.retryMs);
    this.retry.unref();
  }

  private dispatch(payload: string): void {
    const [kind, siteId, id] = payload.split(':');
    const set = siteId ? this.bySite.get(siteId) : undefined;
    if (!set) return;
    for (const watch of set) if (watch.kind === kind && (!watch.id || watch.id === id)) watch.wake();
  }

  private wakeAll(): void {
    for (const set of this.bySite.values()) for (const watch of set) watch.wake();
  }
}
