import { lstat, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Where the CLI agent of a data directory listens (docs/decisions/0002-cli-agent.md): a Unix socket
// `agent.sock` in the data directory (which the store creates 0700), or, when that path is too long
// for a socket address, in a directory under os.tmpdir() only this user can open; a named pipe on
// Windows. Loaded by
// the thin client: node built-ins only, and node:crypto only when a name must be hashed.

export const AGENT_SOCKET_NAME = 'agent.sock';

/** sun_path holds 104 bytes on macOS and the BSDs (108 on Linux), the terminating NUL included. */
export const MAX_SOCKET_PATH_BYTES = 103;

export interface AgentEndpoint {
  /** The socket path, or the named pipe on Windows. */
  readonly path: string;
  /** The per-user directory holding the socket when it is not in the data directory; else null. */
  readonly privateDir: string | null;
}

export interface EndpointOptions {
  readonly platform?: NodeJS.Platform;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly tmpdir?: string;
  readonly uid?: number;
  readonly user?: string;
}

async function sha256Hex(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The agent's address for a resolved data directory. */
export async function agentEndpoint(dataDir: string, options: EndpointOptions = {}): Promise<AgentEndpoint> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform === 'win32') {
    // Pipe names are machine-wide: the user and the (case-insensitive) directory make it unique.
    const user = options.user ?? env.USERNAME ?? '';
    const id = await sha256Hex(`${user}\n${dataDir.toLowerCase()}`);
    return { path: `\\\\.\\pipe\\cds-companion-agent-${id.slice(0, 32)}`, privateDir: null };
  }
  const inDataDir = path.posix.join(dataDir, AGENT_SOCKET_NAME);
  if (Buffer.byteLength(inDataDir) <= MAX_SOCKET_PATH_BYTES) return { path: inDataDir, privateDir: null };
  const uid = options.uid ?? process.getuid?.() ?? 0;
  // os.tmpdir(), not $XDG_RUNTIME_DIR: that one is missing in some sessions (cron, ssh without a
  // login manager), and two sessions must find the same agent, never start a second one.
  const base = options.tmpdir ?? tmpdir();
  const privateDir = path.posix.join(base, `cds-companion-agent-${uid}`);
  const socket = path.posix.join(privateDir, `${(await sha256Hex(dataDir)).slice(0, 32)}.sock`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH_BYTES) {
    throw new Error(
      `no socket address fits for the background Companion of ${dataDir} (${base} is too deep); set CDS_COMPANION_AGENT=off`,
    );
  }
  return { path: socket, privateDir };
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/**
 * Checks (and with `create`, makes) the per-user socket directory: a real directory, owned by this
 * user, that no group or other user can open. Anything else may be someone else's trap: refused.
 * False when it does not exist and `create` is off.
 */
export async function checkPrivateDir(dir: string, create: boolean): Promise<boolean> {
  if (create) {
    await mkdir(dir, { mode: 0o700 }).catch((error: unknown) => {
      if (errno(error) !== 'EEXIST') throw error;
    });
  }
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(dir);
  } catch (error) {
    if (!create && errno(error) === 'ENOENT') return false;
    throw error;
  }
  const uid = process.getuid?.();
  if (!info.isDirectory() || (uid !== undefined && info.uid !== uid) || (info.mode & 0o077) !== 0) {
    throw new Error(
      `${dir} must be a directory that only you can open (owned by you, mode 700); remove it and run the command again`,
    );
  }
  return true;
}

/**
 * Whether `socket` may be connected to: absent (false), or a socket owned by this user (true). A
 * file of another user there would receive the passphrase check: refused.
 */
export async function checkSocketOwner(socket: string): Promise<boolean> {
  if (process.platform === 'win32') return true;
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(socket);
  } catch (error) {
    if (errno(error) === 'ENOENT') return false;
    throw error;
  }
  if (!info.isSocket() || info.uid !== process.getuid?.()) {
    throw new Error(`${socket} is not a socket of this user; remove it and run the command again`);
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errno(error) === 'EPERM';
  }
}

/** A lock older than this is a leftover even if its pid was reused: claiming takes milliseconds. */
const LOCK_STALE_MS = 10_000;

async function lockIsStale(lock: string): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(lock, 'utf8'), stat(lock)]);
    const pid = Number(text.trim());
    if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
    return Number.isInteger(pid) && pid > 0 && !processAlive(pid);
  } catch {
    // Gone meanwhile (just retry), or unreadable (not ours to judge).
    return false;
  }
}

/**
 * Runs `claim` while holding `<socket>.lock` (O_EXCL): two agents starting at once must not both
 * take a stale socket away (the second would remove the first one's fresh socket). A lock whose
 * holder died is removed.
 */
export async function withStartLock<T>(
  socket: string,
  claim: () => Promise<T>,
  timeoutMs = 5_000,
): Promise<T> {
  const lock = `${socket}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
    if (await lockIsStale(lock)) {
      await unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock} is held by another starting background Companion`);
    await sleep(20);
  }
  try {
    return await claim();
  } finally {
    await unlink(lock).catch(() => undefined);
  }
}
