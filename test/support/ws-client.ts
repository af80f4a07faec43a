import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  items: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves once `predicate` holds over the items received so far (or rejects after timeoutMs). */
  until(predicate: (items: T[]) => boolean, timeoutMs?: number): Promise<T[]>;
  stop(): void;
}

export interface WsClient {
  client: Client;
  /** The close event of the socket, once it closed. */
  closed: Promise<{ code: number; reason: string }>;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>, pick?: (data: any) => T): Received<T>;
  dispose(): Promise<void>;
}

/** A graphql-ws client (the library a frontend would use) on `ws://<address>/graphql`, never retrying. */
export function wsClient(baseUrl: string, connectionParams: Record<string, unknown>, options: { origin?: string } = {}): WsClient {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    // A browser sends its page's Origin with the upgrade; `ws` sends none unless told.
    webSocketImpl: options.origin
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { origin: options.origin });
          }
        }
      : WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables: Record<string, unknown> = {}, pick: (data: any) => T = (d) => d as T) {
      const received = { items: [] as T[], errors: [] as unknown[], completed: false };
      const waiters = new Set<() => void>();
      const poke = () => waiters.forEach((w) => w());
      const stop = client.subscribe(
        { query, variables },
        {
          next: (result) => {
            if (result.errors) received.errors.push(...result.errors);
            if (result.data) received.items.push(pick(result.data));
            poke();
          },
          error: (error) => {
            // graphql-ws hands an operation's errors over as an array, a connection failure as one value.
            received.errors.push(...(Array.isArray(error) ? error : [error]));
            poke();
          },
          complete: () => {
            received.completed = true;
            poke();
          },
        },
      );
      const until = (predicate: (items: T[]) => boolean, timeoutMs = 15_000) =>
        new Promise<T[]>((resolve, reject) => {
          const check = () => {
            if (!predicate(received.items)) return;
            cleanup();
            resolve(received.items);
          };
          const timer = setTimeout(() => {
            cleanup();
            reject(new Error(`timed out; received ${JSON.stringify(received)}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(check);
          };
          waiters.add(check);
          check();
        });
      return Object.assign(received, { until, stop });
    },
    dispose: async () => {
      await client.dispose();
    },
  };
}
