import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const OUTPUT_KEPT = 64 * 1024;

export interface Child {
  url: string;
  /** Sends the process a signal (a memory run's SIGUSR2: collect the heap, see collect-on-signal.ts). */
  signal(name: NodeJS.Signals): void;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a built script on a free loopback port and waits until `probePath` answers 200. Its output is kept
 * and shown only if it fails, so a broken start says why.
 */
export async function startChild(
  script: string,
  env: Record<string, string>,
  probePath: string,
  options: { nodeArgs?: string[]; timeoutMs?: number; portEnv?: string } = {},
): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env, PORT: String(port), HOST: '127.0.0.1', ...(options.portEnv ? { [options.portEnv]: String(port) } : {}) },
  });
  let output = '';
  // Only the tail is kept: at LOG_LEVEL=info the gateway logs every request, and all of it would pile up here.
  const keep = (chunk: unknown) => (output = (output + String(chunk)).slice(-OUTPUT_KEPT));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await answers(`${url}${probePath}`))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`${script} did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, signal: (name) => void child.kill(name), stop: () => stopChild(child) };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
