import { InFlight } from '../../src/server/in-flight';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('InFlight, the count of handlers close waits for', () => {
  it('drains at once when nothing is running', async () => {
    expect(await new InFlight().drain(10_000)).toBe(true);
  });

  it('drains only once every counted handler has settled, whether it succeeded or failed', async () => {
    const inFlight = new InFlight();
    const ok = deferred();
    const failed = deferred();
    inFlight.add(ok.promise);
    inFlight.add(failed.promise).catch(() => undefined);
    let drained: boolean | undefined;
    const drain = inFlight.drain(10_000).then((result) => (drained = result));
    ok.resolve();
    await ok.promise;
    expect(inFlight.count).toBe(1);
    expect(drained).toBeUndefined();
    failed.reject(new Error('provider down'));
    expect(await drain).toBe(true);
    expect(inFlight.count).toBe(0);
  });

  it('gives up after the timeout and still reports what is running', async () => {
    const inFlight = new InFlight();
    const stuck = deferred();
    inFlight.add(stuck.promise);
    const started = Date.now();
    expect(await inFlight.drain(50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(inFlight.count).toBe(1);
    stuck.resolve();
  });

  it('hands back the very promise it was given, so a handler result and its rejection reach Fastify unchanged', async () => {
    const inFlight = new InFlight();
    const result = Promise.resolve('body');
    expect(inFlight.add(result)).toBe(result);
    const failure = Promise.reject(new Error('masked later'));
    await expect(inFlight.add(failure)).rejects.toThrow('masked later');
  });
});
