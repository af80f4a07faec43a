import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

export interface Build {
  /** dist/ of this build: run dist/src/main.js, dist/src/db/migrate-cli.js. */
  dist: string;
  remove(): Promise<void>;
}

/**
 * `npm run build` into a private folder, so parallel test files (and engineers) never run half-written dist/
 * files. node_modules is linked beside it so the compiled files resolve packages as they would in dist/.
 * Type errors elsewhere in the tree don't stop tsc from emitting, and this test is about the entry, so only a
 * missing output counts as a failed build.
 */
export async function buildEntry(): Promise<Build> {
  const dir = await mkdtemp(join(tmpdir(), 'paygraph-build-'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsc = require.resolve('typescript/bin/tsc');
  const output = await new Promise<string>((done) => {
    execFile(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', join(dir, 'dist')], { cwd: ROOT }, (_error, stdout) => done(stdout));
  });
  const dist = join(dir, 'dist');
  if (!existsSync(join(dist, 'src/main.js'))) throw new Error(`build produced no dist/src/main.js:\n${output}`);
  return { dist, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A child process running a built script, with its output collected and a bounded wait for text or exit. */
export class Entry {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private readonly child: ChildProcess;

  constructor(script: string, env: Record<string, string>, args: string[] = [], cwd = tmpdir()) {
    this.child = spawn(process.execPath, [script, ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env } });
    this.child.stdout!.on('data', (chunk) => (this.stdout += String(chunk)));
    this.child.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.exited = new Promise((done) => this.child.once('exit', (code, signal) => done({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the stdout so far once it matches; rejects on exit or after timeoutMs. */
  async waitForOutput(pattern: RegExp, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let exit: Exit | undefined;
    void this.exited.then((e) => (exit = e));
    while (!pattern.test(this.stdout)) {
      if (exit) throw new Error(`exited (${exit.code ?? exit.signal}) before printing ${pattern}:\n${this.stdout}\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.stdout;
  }

  /** Waits for the exit; past timeoutMs the process is killed and the wait fails. */
  async waitForExit(timeoutMs: number): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        reject(new Error(`did not exit within ${timeoutMs} ms:\n${this.stdout}\n${this.stderr}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }
}
