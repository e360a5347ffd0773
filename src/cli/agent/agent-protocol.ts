import type { Socket } from 'node:net';
import type { TerminalInfo } from '../cli-types';

// What the thin client and the CLI agent say to each other over the agent's socket: one JSON object
// per line. A connection carries one request: `run` (then output frames and an exit code), `status`
// or `stop`. Loaded by the thin client: no imports beyond node's types.

/**
 * The variables of the person's environment a command run by the agent may use: what the system
 * browser opener (authorize) needs to reach the person's desktop session. The vault choice is
 * compared instead (AgentExpectations); the passphrase never crosses the socket, only its hash.
 */
export const FORWARDED_ENV = [
  'PATH',
  'DISPLAY',
  'WAYLAND_DISPLAY',
  'XAUTHORITY',
  'BROWSER',
  'DBUS_SESSION_BUS_ADDRESS',
  'XDG_CURRENT_DESKTOP',
  'XDG_RUNTIME_DIR',
] as const;

/** What the client must agree on with the agent before the agent runs its command. */
export interface AgentExpectations {
  /** The resolved data directory the client means. */
  readonly dataDir: string;
  /** The CLI version: an agent of another version is replaced. */
  readonly version: string;
  /** CDS_COMPANION_VAULT as the client has it (trimmed, lower case; '' when unset). */
  readonly vault: string;
  /** --ca-file resolved against the client's cwd, or null. */
  readonly caFile: string | null;
  /** SHA-256 (hex) of CDS_COMPANION_PASSPHRASE with the file vault; null otherwise. */
  readonly passphraseSha256: string | null;
}

export interface RunRequest extends AgentExpectations {
  readonly t: 'run';
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The variables of the client's environment a command may use (FORWARDED_ENV). */
  readonly env: Readonly<Record<string, string>>;
  readonly stdout: TerminalInfo;
  readonly stderr: TerminalInfo;
}

export type ClientFrame =
  | RunRequest
  /** Ctrl-C: abort the running command (a download is cancelled and its temp file removed). */
  | { readonly t: 'abort' }
  | { readonly t: 'status' }
  /** Exit once the running commands have ended; the connection closes when the agent has exited. */
  | { readonly t: 'stop' };

export interface AgentStatus {
  readonly pid: number;
  readonly dataDir: string;
  readonly version: string;
  readonly socket: string;
  readonly uptimeSeconds: number;
  readonly idleTimeoutSeconds: number;
  readonly runningCommands: number;
}

export type AgentFrame =
  | { readonly t: 'out'; readonly text: string }
  | { readonly t: 'err'; readonly text: string }
  | { readonly t: 'exit'; readonly code: number }
  /** This agent is going away (replaced or stopped): wait for the connection to close, then retry. */
  | { readonly t: 'retiring'; readonly pid: number; readonly runningCommands: number }
  | ({ readonly t: 'status' } & AgentStatus)
  | { readonly t: 'stopping'; readonly pid: number };

/** What the agent reports to the client that spawned it, on the agent's stdout, once. */
export type StartReport =
  | { readonly t: 'ready'; readonly pid: number }
  /** Another agent won the socket: connect to it. */
  | { readonly t: 'lost' }
  | { readonly t: 'failed'; readonly message: string };

/** What the spawning client hands the agent on its stdin (never in argv or the environment). */
export interface StartHandshake {
  readonly dataDir: string;
  readonly caFile: string | null;
  readonly passphrase: string | null;
}

export function writeFrame(socket: Socket, frame: AgentFrame | ClientFrame): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(frame)}\n`);
}

/**
 * Calls `onFrame` with each JSON line arriving on `socket`; a line that is not JSON, or longer than
 * `maxLine` characters, ends the connection.
 */
export function readFrames<T>(socket: Socket, maxLine: number, onFrame: (frame: T) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line.length === 0) continue;
      let frame: T;
      try {
        if (line.length > maxLine) throw new Error('too long');
        frame = JSON.parse(line) as T;
      } catch {
        socket.destroy();
        return;
      }
      onFrame(frame);
    }
    if (buffered.length > maxLine) socket.destroy();
  });
}
