import { Writable } from 'node:stream';
import { runShutdownSteps, SLOW_STEP_MS } from '../../src/app/shutdown-steps';
import { createLogger } from '../../src/server/logger';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
  return { lines, log: createLogger('info', sink as never) };
}

describe('shutdown steps', () => {
  it('runs the steps in order and names a step that holds the shutdown past the slow threshold', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const { lines, log } = capture();
      const order: string[] = [];
      let release!: () => void;
      const done = runShutdownSteps(log, [
        ['first', async () => void order.push('first')],
        ['stuck step', () => new Promise<void>((resolve) => (release = () => (order.push('stuck step'), resolve())))],
        ['last', async () => void order.push('last')],
      ]);
      await Promise.resolve();
      await jest.advanceTimersByTimeAsync(SLOW_STEP_MS + 1);
      expect(lines.filter((l) => l.includes('shutdown step still running')).map((l) => JSON.parse(l).step)).toEqual(['stuck step']);
      release();
      await done;
      expect(order).toEqual(['first', 'stuck step', 'last']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops at a failing step and reports its error', async () => {
    const { log } = capture();
    const ran: string[] = [];
    await expect(
      runShutdownSteps(log, [
        ['fails', async () => { throw new Error('pool gone'); }],
        ['after', async () => void ran.push('after')],
      ]),
    ).rejects.toThrow('pool gone');
    expect(ran).toEqual([]);
  });
});
