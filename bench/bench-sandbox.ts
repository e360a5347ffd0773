/**
 * The out-of-process sandboxes the benchmarks share: `node out/cli/sandbox.js --port 0` (the built
 * sandbox, as `npm run sandbox` runs it), so the server's work never shares the measured process.
 * One shared sandbox serves every benchmark of a run; bench/run.ts stops them all at the end.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const CLI_JS = join(ROOT, 'out', 'cli', 'cds-companion.js');
export const SANDBOX_JS = join(ROOT, 'out', 'cli', 'sandbox.js');

/** The benchmarks run the build; say how to make it when it is missing. */
export function requireBuild(): void {
  for (const file of [CLI_JS, SANDBOX_JS]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
}

export interface BenchSandbox {
  readonly metadataUrl: string;
  readonly baseUrl: string;
  /** POST /sandbox-admin/<operation> (docs/sandbox.md) with the admin token. */
  admin<T = unknown>(operation: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Starts one built sandbox on a free loopback port and waits for its banner. */
export async function startBuiltSandbox(): Promise<BenchSandbox> {
  requireBuild();
  const child = spawn(process.execPath, [SANDBOX_JS, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (/Admin token:\s+\S+/.test(text) && /CDS metadata URL:\s+\S+/.test(text)) {
        child.stdout?.off('data', onData);
        resolve(text);
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const metadataUrl = /CDS metadata URL:\s+(\S+)/.exec(banner)?.[1] ?? '';
  const adminToken = /Admin token:\s+(\S+)/.exec(banner)?.[1] ?? '';
  const baseUrl = new URL(metadataUrl).origin;
  return {
    metadataUrl,
    baseUrl,
    admin: async <T>(operation: string, body: unknown = {}) => {
      const response = await fetch(`${baseUrl}/sandbox-admin/${operation}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox admin ${operation}: HTTP ${response.status}`);
      return (await response.json()) as T;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      running.delete(child);
    },
  };
}

let shared: Promise<BenchSandbox> | null = null;

/** The one sandbox the benchmarks of this run share. */
export function sharedSandbox(): Promise<BenchSandbox> {
  shared ??= startBuiltSandbox();
  return shared;
}

/** Stops every sandbox a benchmark started (bench/run.ts calls this once at the end). */
export async function stopSandboxes(): Promise<void> {
  shared = null;
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  running.clear();
}
