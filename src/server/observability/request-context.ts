import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work belongs to, carried across awaits: the logger adds its id to every line, so
 * lines written by the domain (through the process-wide logger, not request.log) carry it too.
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Fastify's per-request loggers, which carry `reqId` as a binding already; the mixin skips them. */
const boundLoggers = new WeakSet<object>();

export function markBoundToRequest(logger: object): void {
  boundLoggers.add(logger);
}

/** The `reqId` field (Fastify's name) for a log line: from the request being handled, unless the logger is bound to one. */
export function requestIdField(logger: object): { reqId?: string } {
  if (boundLoggers.has(logger)) return {};
  const reqId = currentRequestId();
  return reqId ? { reqId } : {};
}
