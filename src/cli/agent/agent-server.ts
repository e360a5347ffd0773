import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { chmod, lstat, mkdir, stat, unlink } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import type { Companion } from '../../main/companion/companion';
import { deferredVault } from '../../main/vault/deferred-vault';
import { FILE_VAULT_NAME, prefetchFileVaultKey } from '../../main/vault/file-vault-prefetch';
import { runCli } from '../run-cli';
import { AGENT_IDLE_ENV, PASSPHRASE_ENV, vaultSetting } from './agent-client';
import {
  type AgentFrame,
  type AgentStatus,
  type ClientFrame,
  type RunRequest,
  readFrames,
  type StartHandshake,
  type StartReport,
  writeFrame,
} from './agent-protocol';
import { type AgentEndpoint, agentEndpoint, checkPrivateDir, withStartLock } from './agent-socket';

// The CLI agent (docs/decisions/0002-cli-agent.md): one background Companion per data directory,
// started by the first command that needs it, running the commands thin clients send over its
// socket. With the file vault it derives the key once and keeps only a SHA-256 of the passphrase to
// recognise clients that present the same one. It exits when idle, when its socket or the data
// directory disappears, on SIGTERM, or when asked to (`agent stop`, a client of another version).

const DEFAULT_IDLE_SECONDS = 300;
/** A request is a command line and a few variables; anything longer is not a client of ours. */
const MAX_REQUEST_BYTES = 1024 * 1024;
/** How often the agent checks that its socket file and the data directory still exist. */
const WATCH_INTERVAL_MS = 2_000;

/** Background work (scheduled rotation) never runs in the agent: it does what commands ask. */
const inertTimers = { setTimeout: () => null, clearTimeout: () => undefined };

function idleSeconds(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env[AGENT_IDLE_ENV]);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_IDLE_SECONDS;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      text += chunk;
    });
    process.stdin.once('end', () => resolve(text));
    process.stdin.once('error', reject);
  });
}

function parseHandshake(text: string): StartHandshake {
  const value = JSON.parse(text) as Partial<StartHandshake>;
  if (
    typeof value.dataDir !== 'string' ||
    !path.isAbsolute(value.dataDir) ||
    !(value.caFile === null || typeof value.caFile === 'string') ||
    !(value.passphrase === null || typeof value.passphrase === 'string')
  ) {
    throw new Error('the background Companion was started without a valid handshake');
  }
  return { dataDir: value.dataDir, caFile: value.caFile, passphrase: value.passphrase };
}

const isTerminal = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { isTTY?: unknown }).isTTY === 'boolean' &&
  typeof (value as { columns?: unknown }).columns === 'number';

/** A client's run request, checked field by field (the socket is a boundary, even for one user). */
function isRunRequest(frame: ClientFrame): frame is RunRequest {
  const run = frame as Partial<RunRequest>;
  return (
    Array.isArray(run.argv) &&
    run.argv.every((arg) => typeof arg === 'string') &&
    typeof run.cwd === 'string' &&
    path.isAbsolute(run.cwd) &&
    typeof run.env === 'object' &&
    run.env !== null &&
    Object.values(run.env).every((value) => typeof value === 'string') &&
    isTerminal(run.stdout) &&
    isTerminal(run.stderr) &&
    typeof run.dataDir === 'string' &&
    typeof run.version === 'string' &&
    typeof run.vault === 'string' &&
    (run.caFile === null || typeof run.caFile === 'string') &&
    (run.passphraseSha256 === null || typeof run.passphraseSha256 === 'string')
  );
}

function messageOf(error: unknown): string {
  const text =
    error instanceof Error && typeof (error as { userMessage?: unknown }).userMessage === 'string'
      ? (error as unknown as { userMessage: string }).userMessage
      : error instanceof Error
        ? error.message
        : 'the background Companion could not start';
  return text.replace(/\s+/g, ' ').trim();
}

const errnoCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

function listen(server: net.Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    // The socket file is created by the bind inside listen(): private from its first instant. Only
    // there: the commands' own files (a download folder) keep the person's usual mode.
    const umask = process.umask(0o077);
    try {
      server.listen(socket, () => {
        server.off('error', onError);
        resolve();
      });
    } finally {
      process.umask(umask);
    }
  });
}

/** Ends the connection once its last frames are written (an exit right after must not lose them). */
function ended(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    socket.once('close', () => resolve());
    socket.end(() => resolve());
  });
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socket);
    const timer = setTimeout(() => {
      probe.destroy();
      resolve(true); // Slow, but alive: never take a socket away from a living agent.
    }, 1_000);
    probe.once('connect', () => {
      clearTimeout(timer);
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/**
 * Listens on the endpoint unless another agent does: null when it lost. A socket file nobody
 * answers on (its agent was killed) is replaced, under the start lock.
 */
async function claim(
  endpoint: AgentEndpoint,
  handler: (socket: net.Socket) => void,
): Promise<net.Server | null> {
  const attempt = async (): Promise<net.Server | null> => {
    const server = net.createServer(handler);
    try {
      await listen(server, endpoint.path);
      return server;
    } catch (error) {
      if (errnoCode(error) !== 'EADDRINUSE') throw error;
    }
    if (process.platform === 'win32' || (await answers(endpoint.path))) return null;
    const info = await lstat(endpoint.path);
    if (!info.isSocket()) throw new Error(`${endpoint.path} exists and is not a socket; remove it`);
    await unlink(endpoint.path);
    const retry = net.createServer(handler);
    await listen(retry, endpoint.path);
    return retry;
  };
  if (process.platform === 'win32') return attempt();
  return withStartLock(endpoint.path, attempt);
}

/** The agent process: `node cds-companion.js --agent-serve`, spawned by agent-client.ts. */
export async function serveAgent(): Promise<void> {
  // The one report to the spawning client; exiting waits for it (stdout is asynchronous on macOS).
  let reported: Promise<void> = Promise.resolve();
  const report = (value: StartReport) => {
    reported = new Promise((resolve) => {
      // Nothing is written after it; should anything be, an ended stdout must not crash the agent.
      process.stdout.on('error', () => resolve());
      process.stdout.end(`${JSON.stringify(value)}\n`, () => resolve());
    });
  };
  const exit = async (code: number): Promise<never> => {
    await reported;
    process.exit(code);
  };
  let handshake: StartHandshake;
  try {
    handshake = parseHandshake(await readStdin());
  } catch (error) {
    report({ t: 'failed', message: messageOf(error) });
    return exit(1);
  }
  const { dataDir, passphrase } = handshake;
  const vault = vaultSetting(process.env);
  const fileVault = vault === 'file' && passphrase !== null && passphrase !== '';
  // The key derivation starts first, on the thread pool, and runs while the modules load.
  const newFileVault = fileVault && !existsSync(path.join(dataDir, FILE_VAULT_NAME));
  if (fileVault) prefetchFileVaultKey(dataDir, passphrase);
  const passphraseHash = fileVault ? createHash('sha256').update(passphrase, 'utf8').digest() : null;
  const idle = idleSeconds(process.env);
  const startedAt = Date.now();

  let companion: Companion | null = null;
  // Settled once the Companion is open (or failed to): clients may connect before that and wait.
  let opened: (value: Companion) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const ready = new Promise<Companion>((resolve, reject) => {
    opened = resolve;
    failed = reject;
  });
  ready.catch(() => undefined);
  let running = 0;
  let retiring = false;
  let shuttingDown = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  let endpoint: AgentEndpoint | null = null;
  let socketIno: number | null = null;
  const controllers = new Set<AbortController>();
  const watchers: FSWatcher[] = [];
  let poll: ReturnType<typeof setInterval> | null = null;

  const status = (): AgentStatus => ({
    pid: process.pid,
    dataDir,
    version: pkg.version,
    socket: endpoint?.path ?? '',
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    idleTimeoutSeconds: idle,
    runningCommands: running,
  });

  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    if (idleTimer) clearTimeout(idleTimer);
    if (poll) clearInterval(poll);
    for (const watcher of watchers) watcher.close();
    await companion?.close().catch(() => undefined);
    // Only our own socket file: never one a newer agent put at the same path.
    if (endpoint && socketIno !== null && process.platform !== 'win32') {
      const info = await lstat(endpoint.path).catch(() => null);
      if (info?.ino === socketIno) await unlink(endpoint.path).catch(() => undefined);
    }
    // Exiting closes every connection still open: clients waiting on "retiring" then start anew.
    await exit(0);
  };

  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = running === 0 ? setTimeout(() => void shutdown(), idle * 1000) : null;
  };

  /** No new commands; exit once the running ones have ended (at once when none runs). */
  const retire = () => {
    retiring = true;
    if (running === 0) void shutdown();
  };

  const send = (socket: net.Socket, frame: AgentFrame) => writeFrame(socket, frame);

  const runCommand = async (
    socket: net.Socket,
    request: RunRequest,
    onAbort: (abort: () => void) => void,
  ) => {
    if (retiring) {
      send(socket, { t: 'retiring', pid: process.pid, runningCommands: running });
      return;
    }
    const fail = (message: string) => {
      send(socket, { t: 'err', text: `cds-companion: ${message}\n` });
      send(socket, { t: 'exit', code: 1 });
      void ended(socket);
    };
    if (request.dataDir !== dataDir) {
      fail(`the background Companion at ${endpoint?.path} serves ${dataDir}, not ${request.dataDir}`);
      return;
    }
    if (request.version !== pkg.version || request.vault !== vault || request.caFile !== handshake.caFile) {
      // Started with another CLI version, vault or CA file: it makes way for one that matches.
      send(socket, { t: 'retiring', pid: process.pid, runningCommands: running });
      retire();
      return;
    }
    if (passphraseHash !== null) {
      const presented = Buffer.from(request.passphraseSha256 ?? '', 'hex');
      if (presented.length !== passphraseHash.length || !timingSafeEqual(presented, passphraseHash)) {
        fail(
          `the passphrase does not match the running background Companion for ${dataDir}; use the passphrase it was started with, or stop it with \`cds-companion agent stop\``,
        );
        return;
      }
    }
    running += 1;
    armIdle();
    const controller = new AbortController();
    controllers.add(controller);
    let finished = false;
    // The person's terminal went away (client killed, connection closed): abort the command.
    socket.once('close', () => {
      if (!finished) controller.abort();
    });
    onAbort(() => controller.abort());
    try {
      let code: number;
      try {
        const open = await ready;
        code = await runCli(request.argv, {
          out: (text) => send(socket, { t: 'out', text }),
          err: (text) => send(socket, { t: 'err', text }),
          env: request.env,
          cwd: request.cwd,
          dataDir,
          stdout: request.stdout,
          stderr: request.stderr,
          signal: controller.signal,
          companion: async () => open,
        });
      } catch (error) {
        send(socket, { t: 'err', text: `cds-companion: ${messageOf(error)}\n` });
        code = 1;
      }
      finished = true;
      send(socket, { t: 'exit', code });
      await ended(socket);
    } finally {
      controllers.delete(controller);
      running -= 1;
      if (retiring && running === 0) void shutdown();
      else armIdle();
    }
  };

  const onConnection = (socket: net.Socket) => {
    socket.on('error', () => undefined);
    let first = true;
    let abort: (() => void) | null = null;
    readFrames<ClientFrame>(socket, MAX_REQUEST_BYTES, (frame) => {
      if (!first) {
        if (frame.t === 'abort') abort?.();
        return;
      }
      first = false;
      if (frame.t === 'status') {
        send(socket, { t: 'status', ...status() });
        socket.end();
      } else if (frame.t === 'stop') {
        send(socket, { t: 'stopping', pid: process.pid });
        retire();
      } else if (frame.t === 'run' && isRunRequest(frame)) {
        void runCommand(socket, frame, (onAbort) => {
          abort = onAbort;
        });
      } else {
        socket.destroy();
      }
    });
  };

  let server: net.Server | null;
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    endpoint = await agentEndpoint(dataDir);
    if (endpoint.privateDir !== null) await checkPrivateDir(endpoint.privateDir, true);
    server = await claim(endpoint, onConnection);
  } catch (error) {
    report({ t: 'failed', message: messageOf(error) });
    return exit(1);
  }
  if (server === null) {
    // Another agent serves this data directory: the client connects to it.
    report({ t: 'lost' });
    return exit(0);
  }
  if (process.platform !== 'win32') {
    // Already private through the umask at bind; made explicit (docs/decisions/0002-cli-agent.md).
    await chmod(endpoint.path, 0o600);
    socketIno = (await lstat(endpoint.path)).ino;
  }

  const onSignal = () => {
    for (const controller of controllers) controller.abort();
    retire();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  process.on('SIGHUP', () => undefined);

  try {
    const [{ createCompanion }, { openVault }] = await Promise.all([
      import('../../main/companion/companion'),
      import('../../main/vault/open-vault'),
    ]);
    // The agent's own environment never holds the passphrase (the client left it out).
    const env = fileVault ? { ...process.env, [PASSPHRASE_ENV]: passphrase } : process.env;
    // A new file vault cannot refuse the passphrase: commands start while its key derives (the
    // first one, `servers add`, needs no secret); an existing one is opened and checked first.
    const deferred = newFileVault
      ? deferredVault(() => openVault({ dataDir, env }), { backend: 'file', persistent: true, warning: null })
      : null;
    companion = await createCompanion({
      dataDir,
      version: pkg.version,
      env,
      ...(deferred ? { vault: deferred } : {}),
      ...(handshake.caFile === null ? {} : { caFile: handshake.caFile }),
      timers: inertTimers,
    });
    opened(companion);
    report({ t: 'ready', pid: process.pid });
  } catch (error) {
    // Wrong passphrase, a damaged vault, a store of a newer version...: said once, then gone. Clients
    // already waiting get the same line (runCommand).
    failed(error);
    report({ t: 'failed', message: messageOf(error) });
    retire();
    return;
  }
  armIdle();

  // Gone socket file or data directory: someone removed them, and the agent with them.
  let checking = false;
  const check = async () => {
    if (checking || shuttingDown || endpoint === null) return;
    checking = true;
    try {
      const [dir, socket] = await Promise.all([
        stat(dataDir).catch(() => null),
        process.platform === 'win32' ? null : lstat(endpoint.path).catch(() => null),
      ]);
      if (dir === null || (process.platform !== 'win32' && socket?.ino !== socketIno)) retire();
    } finally {
      checking = false;
    }
  };
  poll = setInterval(() => void check(), WATCH_INTERVAL_MS);
  for (const dir of new Set([dataDir, path.dirname(endpoint.path)])) {
    try {
      // Faster than the poll where the platform tells (inotify, FSEvents); the poll stays the rule.
      const watcher = watch(dir, { persistent: false }, () => void check());
      watcher.on('error', () => undefined);
      watchers.push(watcher);
    } catch {
      // Not watchable: the poll covers it.
    }
  }
}
