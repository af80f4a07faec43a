import type WebSocket from 'ws';
import type { ConnectionOutcome } from './connection-auth';

/** How often an open connection's key (and a partner's grant) is checked again. */
export const RECHECK_EVERY_MS = 60_000;

interface Open {
  socket: WebSocket;
  timer: NodeJS.Timeout;
}

/**
 * Authenticated WebSocket connections by key prefix. A key is checked when its connection opens; after that
 * a revocation (announced by pg_notify from any instance) closes its connections at once, and every
 * connection is checked again every minute, which also catches a partner grant withdrawn and a notice
 * missed while the LISTEN connection was down.
 */
export class OpenConnections {
  private readonly byPrefix = new Map<string, Set<Open>>();

  add(prefix: string, socket: WebSocket, recheck: () => Promise<ConnectionOutcome>): void {
    // The client may have gone while its key was being checked; a closed socket never emits 'close' again.
    if (socket.readyState !== socket.OPEN) return;
    let set = this.byPrefix.get(prefix);
    if (!set) this.byPrefix.set(prefix, (set = new Set()));
    const timer = setInterval(() => {
      void recheck().then((outcome) => 'refused' in outcome && socket.close(outcome.refused.code, outcome.refused.reason));
    }, RECHECK_EVERY_MS);
    timer.unref();
    const open = { socket, timer };
    set.add(open);
    socket.once('close', () => {
      clearInterval(timer);
      set.delete(open);
      if (set.size === 0 && this.byPrefix.get(prefix) === set) this.byPrefix.delete(prefix);
    });
  }

  /** Closes every connection of the revoked key with 4401, as a request with it would now be answered 401. */
  revoked(prefix: string, code: number): void {
    for (const open of this.byPrefix.get(prefix) ?? []) open.socket.close(code, 'API key revoked');
  }
}
