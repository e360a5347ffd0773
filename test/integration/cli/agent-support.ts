import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// The CLI as a person runs it, for the agent tests: a child process of the CLI from source (tsx), or
// of a built bundle named by CDS_TEST_CLI (e.g. a private `vite build --outDir`), whose background
// Companions are real processes found through /proc.

const root = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(root, 'src/cli/main.ts');
// By its file URL: the tests run the CLI from other working directories too.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** node's arguments before the CLI's own. */
export const cliEntry = (): string[] => {
  const built = process.env.CDS_TEST_CLI;
  return built ? [path.resolve(built)] : ['--import', TSX, MAIN];
};

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Called as output arrives (e.g. to interrupt the command). */
  readonly onOutput?: (child: ChildProcess) => void;
}

export function spawnCli(
  args: readonly string[],
  options: RunOptions,
): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [...cliEntry(), ...args], {
    cwd: options.cwd ?? root,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    options.onOutput?.(child);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    options.onOutput?.(child);
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

export const runCli = (args: readonly string[], options: RunOptions): Promise<Run> =>
  spawnCli(args, options).done;

/** The live (not zombie) background Companions serving `dataDir`, by pid. */
export function agentPids(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const flag = args.indexOf('--agent-serve');
      if (flag < 0 || args[flag + 1] !== dataDir) continue;
      if (alive(Number(entry))) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds (or throws with `what` after `timeoutMs`). */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

/** Whether `pid` runs (an exited child not yet reaped, a zombie, does not). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
