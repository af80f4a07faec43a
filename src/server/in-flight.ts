import type { FastifyInstance, RouteOptions } from 'fastify';

/** How long close waits for running handlers before closing the database under them anyway. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Counts route handlers that have not finished yet. Fastify's close resolves once every connection has
 * ended, but a handler whose client already hung up keeps running: it is still waiting for its provider,
 * and will then write the outcome. Closing the ORM or the provider sandboxes at that point would cut a
 * payment off between the provider call and its record.
 */
export class InFlight {
  private running = 0;
  private waiters: (() => void)[] = [];

  get count(): number {
    return this.running;
  }

  /** Counts the work until it settles; the promise handed back is the one given, so callers see no change. */
  add<T>(work: Promise<T>): Promise<T> {
    this.running++;
    const done = () => {
      this.running--;
      if (this.running === 0) for (const wake of this.waiters.splice(0)) wake();
    };
    work.then(done, done);
    return work;
  }

  /** True once nothing is running; false if work is still running after timeoutMs. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.running === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }
}

/**
 * Counts the handlers of every route registered after this call. A handler that answers synchronously is
 * left alone: only a returned promise is work that can outlive its connection.
 */
export function trackRouteHandlers(app: FastifyInstance, inFlight: InFlight): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, request, reply) {
      const result: unknown = handler.call(this, request, reply);
      return isPromise(result) ? inFlight.add(result) : result;
    } as RouteOptions['handler'];
  });
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}
