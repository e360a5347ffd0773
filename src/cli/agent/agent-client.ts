import { mkdir, realpath } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { isatty } from 'node:tty';
import type { CliStream, TerminalInfo } from '../cli-types';
import {
  type AgentExpectations,
  type AgentFrame,
  type AgentStatus,
  type ClientFrame,
  FORWARDED_ENV,
  readFrames,
  type StartHandshake,
  type StartReport,
  writeFrame,
} from './agent-protocol';
import { type AgentEndpoint, agentEndpoint, checkPrivateDir, checkSocketOwner } from './agent-socket';

// The thin client (docs/decisions/0002-cli-agent.md): connects to the data directory's background
// Companion, starting it when none answers, hands it the command line and relays what it prints.
// It must stay small: node's net, path, tty and fs/promises; node:child_process only to start an
// agent and node:crypto only to hash the passphrase; nothing of the Companion.

/** The hidden argument that makes `cds-companion.js` the agent (main.ts checks the same string). */
const AGENT_SERVE_FLAG = '--agent-serve';
export const AGENT_ENV = 'CDS_COMPANION_AGENT';
export const AGENT_IDLE_ENV = 'CDS_COMPANION_AGENT_IDLE_SECONDS';
// The variables of open-vault.ts (VAULT_ENV, PASSPHRASE_ENV), not imported: that module loads zod.
export const VAULT_ENV = 'CDS_COMPANION_VAULT';
export const PASSPHRASE_ENV = 'CDS_COMPANION_PASSPHRASE';

/** How long a spawning client waits for the agent's "ready" (module loading and scrypt included). */
const START_TIMEOUT_MS = 60_000;
/** Waits between connection attempts after another client's agent won the start. */
const CONNECT_BACKOFF_MS = [10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000, 1000];
/** After Ctrl-C, how long the client waits for the aborted command to report before it leaves. */
const ABORT_GRACE_MS = 2_000;
const ABORTED_EXIT_CODE = 130;

type Env = Readonly<Record<string, string | undefined>>;

/** How this process was started: the agent is the same script with AGENT_SERVE_FLAG. */
export interface AgentEntry {
  readonly script: string;
  readonly execArgv: readonly string[];
}

export interface AgentCall {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Env;
  /** As canonicalDataDir gives it. */
  readonly dataDir: string;
  /** --ca-file resolved against cwd, or null. */
  readonly caFile: string | null;
  readonly version: string;
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly entry: AgentEntry;
}

/** A failure of the agent machinery itself: printed as one line, exit 1. */
export class AgentError extends Error {
  override readonly name = 'AgentError';
}

export const agentDisabled = (env: Env): boolean =>
  ['off', '0', 'false', 'no'].includes(env[AGENT_ENV]?.trim().toLowerCase() ?? '');

export const vaultSetting = (env: Env): string => env[VAULT_ENV]?.trim().toLowerCase() ?? '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The data directory in one spelling (created if missing, symlinks resolved): the agent and its
 * socket are found by it, so two spellings of one directory never get two agents.
 */
export async function canonicalDataDir(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return realpath(dir);
}

/** Whether fd 1 or 2 is a terminal, and its width; process.stdout/stderr are made only if it is. */
export function terminalOf(fd: 1 | 2): TerminalInfo {
  if (!isatty(fd)) return { isTTY: false, columns: 0 };
  return { isTTY: true, columns: (fd === 1 ? process.stdout : process.stderr).columns ?? 0 };
}

const errnoCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? 'unknown error';

async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Connects to the agent's socket: the socket, or the errno code (ENOENT: none; ECONNREFUSED: stale). */
async function connectTo(endpoint: AgentEndpoint): Promise<net.Socket | string> {
  if (endpoint.privateDir !== null && !(await checkPrivateDir(endpoint.privateDir, false))) return 'ENOENT';
  if (!(await checkSocketOwner(endpoint.path))) return 'ENOENT';
  return new Promise((resolve) => {
    const socket = net.connect(endpoint.path);
    const onError = (error: Error) => resolve(errnoCode(error));
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

const unreachable = (dataDir: string, detail: string) =>
  new AgentError(
    `could not reach the background Companion for ${dataDir} (${detail}); set ${AGENT_ENV}=off to run the command without it`,
  );

async function expectations(call: AgentCall): Promise<AgentExpectations> {
  const vault = vaultSetting(call.env);
  const passphrase = call.env[PASSPHRASE_ENV];
  return {
    dataDir: call.dataDir,
    version: call.version,
    vault,
    caFile: call.caFile,
    passphraseSha256: vault === 'file' && passphrase ? await sha256Hex(passphrase) : null,
  };
}

/**
 * Starts the agent for `call.dataDir` (detached, its stdio not the person's terminal) and waits for
 * its one report. The passphrase goes through the agent's stdin, never argv or its environment.
 */
async function startAgent(call: AgentCall): Promise<StartReport> {
  const { spawn } = await import('node:child_process');
  const env: Record<string, string | undefined> = { ...call.env };
  delete env[PASSPHRASE_ENV];
  // A debugger port would clash with the client's; every other node flag (e.g. --import tsx) applies.
  const execArgv = call.entry.execArgv.filter((flag) => !flag.startsWith('--inspect'));
  // The data directory in argv names the agent in `ps`; the handshake on stdin is what it serves.
  const child = spawn(process.execPath, [...execArgv, call.entry.script, AGENT_SERVE_FLAG, call.dataDir], {
    detached: true,
    stdio: ['pipe', 'pipe', 'ignore'],
    env,
    // Not the person's cwd (it would stay busy for the agent's life); the script's own folder, where
    // a loader named in execArgv (tsx) resolves as well.
    cwd: path.dirname(call.entry.script),
    windowsHide: true,
  });
  const handshake: StartHandshake = {
    dataDir: call.dataDir,
    caFile: call.caFile,
    passphrase: vaultSetting(call.env) === 'file' ? (call.env[PASSPHRASE_ENV] ?? null) : null,
  };
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(`${JSON.stringify(handshake)}\n`);
  const report = await new Promise<StartReport>((resolve) => {
    let text = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({
        t: 'failed',
        message: `the background Companion for ${call.dataDir} did not start within ${START_TIMEOUT_MS / 1000} s; set ${AGENT_ENV}=off to run the command without it`,
      });
    }, START_TIMEOUT_MS);
    const done = (value: StartReport) => {
      clearTimeout(timer);
      resolve(value);
    };
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      text += chunk;
      const end = text.indexOf('\n');
      if (end < 0) return;
      try {
        done(JSON.parse(text.slice(0, end)) as StartReport);
      } catch {
        child.kill('SIGKILL');
        done({ t: 'failed', message: `the background Companion for ${call.dataDir} answered garbage` });
      }
    });
    child.once('error', (error) =>
      done({ t: 'failed', message: `could not start the background Companion: ${error.message}` }),
    );
    child.once('exit', (code, signal) =>
      done({
        t: 'failed',
        message: `the background Companion for ${call.dataDir} exited before it was ready (${signal ?? `exit code ${code}`})`,
      }),
    );
  });
  child.stdout?.destroy();
  child.stdin?.destroy();
  child.removeAllListeners('exit');
  child.unref();
  return report;
}

type Outcome =
  | { readonly kind: 'exit'; readonly code: number }
  | { readonly kind: 'retiring' }
  | { readonly kind: 'gone' };

/** One request on one connection: relays the output, forwards Ctrl-C, resolves with the exit code. */
function converse(socket: net.Socket, request: ClientFrame, call: AgentCall): Promise<Outcome> {
  return new Promise((resolve) => {
    let outcome: Outcome | null = null;
    let waitNote: ReturnType<typeof setTimeout> | null = null;
    let aborted = false;
    const finish = (value: Outcome) => {
      if (outcome !== null) return;
      outcome = value;
      process.off('SIGINT', onSigint);
      if (waitNote) clearTimeout(waitNote);
      socket.destroy();
      resolve(value);
    };
    const onSigint = () => {
      if (aborted) {
        finish({ kind: 'exit', code: ABORTED_EXIT_CODE });
        return;
      }
      aborted = true;
      writeFrame(socket, { t: 'abort' });
      setTimeout(() => finish({ kind: 'exit', code: ABORTED_EXIT_CODE }), ABORT_GRACE_MS).unref();
    };
    process.on('SIGINT', onSigint);
    let retiring = false;
    readFrames<AgentFrame>(socket, Number.POSITIVE_INFINITY, (frame) => {
      if (frame.t === 'out') call.stdout.write(frame.text);
      else if (frame.t === 'err') call.stderr.write(frame.text);
      else if (frame.t === 'exit') finish({ kind: 'exit', code: frame.code });
      else if (frame.t === 'retiring') {
        // Replaced (another version or vault) or stopping: it closes this connection when it exits.
        retiring = true;
        if (frame.runningCommands > 0) {
          waitNote = setTimeout(() => {
            call.stderr.write(
              `cds-companion: waiting for the background Companion (pid ${frame.pid}) to finish ${frame.runningCommands} running command(s)...\n`,
            );
          }, 1_000);
        }
      }
    });
    socket.once('close', () => finish(retiring ? { kind: 'retiring' } : { kind: 'gone' }));
    writeFrame(socket, request);
  });
}

/**
 * Runs `call.argv` in the data directory's background Companion, starting one when none answers,
 * and relays its output. Resolves with the command's exit code.
 */
export async function runThroughAgent(call: AgentCall): Promise<number> {
  const endpoint = await agentEndpoint(call.dataDir, { env: call.env });
  const expected = await expectations(call);
  const env: Record<string, string> = {};
  for (const name of FORWARDED_ENV) {
    const value = call.env[name];
    if (value !== undefined) env[name] = value;
  }
  const request: ClientFrame = {
    t: 'run',
    ...expected,
    argv: call.argv,
    cwd: call.cwd,
    env,
    stdout: { isTTY: call.stdout.isTTY, columns: call.stdout.columns },
    stderr: { isTTY: call.stderr.isTTY, columns: call.stderr.columns },
  };
  let started = false;
  let attempt = 0;
  let replaced = 0;
  for (;;) {
    const socket = await connectTo(endpoint);
    if (typeof socket === 'string') {
      if (socket !== 'ENOENT' && socket !== 'ECONNREFUSED') throw unreachable(call.dataDir, socket);
      if (!started) {
        // None answers (or a dead one left its socket): start one. Racing clients each start one;
        // the agents settle who listens and the losers' clients connect to the winner.
        started = true;
        const report = await startAgent(call);
        if (report.t === 'failed') throw new AgentError(report.message);
        continue;
      }
      const wait = CONNECT_BACKOFF_MS[attempt];
      if (wait === undefined) throw unreachable(call.dataDir, socket);
      attempt += 1;
      await sleep(wait);
      continue;
    }
    const outcome = await converse(socket, request, call);
    if (outcome.kind === 'exit') return outcome.code;
    if (outcome.kind === 'gone') {
      throw new AgentError(
        `the background Companion for ${call.dataDir} stopped while running the command; run it again`,
      );
    }
    // It has exited: start a fresh one (bounded, in case two CLI versions keep replacing each other).
    replaced += 1;
    if (replaced > 3) throw unreachable(call.dataDir, 'it keeps being replaced');
    started = false;
    attempt = 0;
  }
}

/** One status or stop request to the running agent; null when none runs. */
async function control(dataDir: string, env: Env, frame: ClientFrame): Promise<AgentFrame | null> {
  // The spelling the agent was found by (canonicalDataDir), without creating anything.
  const endpoint = await agentEndpoint(await realpath(dataDir).catch(() => dataDir), { env });
  const socket = await connectTo(endpoint);
  if (typeof socket === 'string') {
    if (socket === 'ENOENT' || socket === 'ECONNREFUSED') return null;
    throw unreachable(dataDir, socket);
  }
  return new Promise((resolve) => {
    let answer: AgentFrame | null = null;
    readFrames<AgentFrame>(socket, Number.POSITIVE_INFINITY, (received) => {
      answer ??= received;
      if (received.t === 'status') socket.destroy();
    });
    // `stop` is answered at once; the connection closes when the agent has exited.
    socket.once('close', () => resolve(answer));
    writeFrame(socket, frame);
  });
}

/** The running agent's status, or null when none runs for this data directory. */
export async function agentStatus(dataDir: string, env: Env): Promise<AgentStatus | null> {
  const answer = await control(dataDir, env, { t: 'status' });
  if (answer?.t !== 'status') return null;
  const { t: _t, ...status } = answer;
  return status;
}

/**
 * Asks the running agent to exit once its running commands have ended and waits until it has.
 * Resolves with its pid, or null when none ran.
 */
export async function stopAgent(dataDir: string, env: Env): Promise<number | null> {
  const answer = await control(dataDir, env, { t: 'stop' });
  return answer?.t === 'stopping' || answer?.t === 'retiring' ? answer.pid : null;
}
