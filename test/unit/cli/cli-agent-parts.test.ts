import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type AgentFrame, readFrames, writeFrame } from '../../../src/cli/agent/agent-protocol';
import {
  agentEndpoint,
  checkPrivateDir,
  checkSocketOwner,
  MAX_SOCKET_PATH_BYTES,
  withStartLock,
} from '../../../src/cli/agent/agent-socket';
import { commandTable } from '../../../src/cli/command-table';
import { splitGlobals } from '../../../src/cli/global-options';
import { runsInAgent } from '../../../src/cli/main';
import { runCli } from '../../../src/cli/run-cli';
import {
  OVERVIEW_BODY_TEXT,
  OVERVIEW_PRIVATE_JWK,
  OVERVIEW_RESPONSE_BODY,
  OVERVIEW_RESPONSE_HEADERS,
} from '../jose/overview-vector';

// The CLI agent's small parts (docs/decisions/0002-cli-agent.md): where its socket lives, the checks
// on the directory holding it, the start lock, the line framing, which command lines go to it, and
// commands resolving paths against the person's working directory rather than the process's.

const dir = mkdtempSync(path.join(tmpdir(), 'cds-agent-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('agentEndpoint', () => {
  it('puts the socket in the data directory when the path fits a socket address', async () => {
    expect(await agentEndpoint('/home/ann/.config/cds-companion', { platform: 'linux' })).toEqual({
      path: '/home/ann/.config/cds-companion/agent.sock',
      privateDir: null,
    });
  });

  it('falls back to a per-user directory under the temp directory, named from a hash of the data directory', async () => {
    const long = `/home/ann/${'projects/'.repeat(12)}data`;
    const options = { platform: 'linux' as const, tmpdir: '/tmp', uid: 1000 };
    const endpoint = await agentEndpoint(long, options);
    expect(endpoint.privateDir).toBe('/tmp/cds-companion-agent-1000');
    expect(endpoint.path).toMatch(/^\/tmp\/cds-companion-agent-1000\/[0-9a-f]{32}\.sock$/);
    expect(Buffer.byteLength(endpoint.path)).toBeLessThanOrEqual(MAX_SOCKET_PATH_BYTES);
    // Stable for one directory, different for another (and independent of the environment).
    expect(await agentEndpoint(long, { ...options, env: { XDG_RUNTIME_DIR: '/run/user/1000' } })).toEqual(
      endpoint,
    );
    expect((await agentEndpoint(`${long}2`, options)).path).not.toBe(endpoint.path);
    await expect(agentEndpoint(long, { ...options, tmpdir: `/${'t'.repeat(100)}` })).rejects.toThrow(
      /CDS_COMPANION_AGENT=off/,
    );
  });

  it('uses a named pipe per user and directory on Windows', async () => {
    const a = await agentEndpoint('C:\\Users\\Ann\\AppData\\Roaming\\cds-companion', {
      platform: 'win32',
      user: 'ann',
    });
    expect(a.path).toMatch(/^\\\\\.\\pipe\\cds-companion-agent-[0-9a-f]{32}$/);
    expect(
      await agentEndpoint('c:\\users\\ann\\appdata\\roaming\\CDS-COMPANION', {
        platform: 'win32',
        user: 'ann',
      }),
    ).toEqual(a);
    expect(
      (
        await agentEndpoint('C:\\Users\\Ann\\AppData\\Roaming\\cds-companion', {
          platform: 'win32',
          user: 'bob',
        })
      ).path,
    ).not.toBe(a.path);
  });
});

describe.skipIf(process.platform === 'win32')('the socket directory and file checks', () => {
  it('creates the private directory 0700 and accepts it', async () => {
    const created = path.join(dir, 'private');
    expect(await checkPrivateDir(created, false)).toBe(false);
    expect(await checkPrivateDir(created, true)).toBe(true);
    expect(statSync(created).mode & 0o777).toBe(0o700);
    expect(await checkPrivateDir(created, false)).toBe(true);
  });

  it('refuses a directory others can open, a symlink or a file in its place', async () => {
    const loose = path.join(dir, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    await expect(checkPrivateDir(loose, true)).rejects.toThrow(/only you can open/);
    const link = path.join(dir, 'link');
    const target = path.join(dir, 'target');
    mkdirSync(target, { mode: 0o700 });
    symlinkSync(target, link);
    await expect(checkPrivateDir(link, false)).rejects.toThrow(/only you can open/);
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    await expect(checkPrivateDir(file, true)).rejects.toThrow(/only you can open/);
  });

  it('connects only to a socket of this user', async () => {
    expect(await checkSocketOwner(path.join(dir, 'none.sock'))).toBe(false);
    const notSocket = path.join(dir, 'plain.sock');
    writeFileSync(notSocket, '');
    await expect(checkSocketOwner(notSocket)).rejects.toThrow(/not a socket of this user/);
    const socket = path.join(dir, 'real.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    expect(await checkSocketOwner(socket)).toBe(true);
    await new Promise((resolve) => server.close(resolve));
  });

  it('runs one claim at a time and takes over a lock whose holder died', async () => {
    const socket = path.join(dir, 'lock-test.sock');
    const order: string[] = [];
    const claim = (name: string) =>
      withStartLock(socket, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([claim('a'), claim('b')])).toEqual(['a', 'b']);
    // Either may win the race for the lock file (two opens on the thread pool), but never overlap.
    const [first] = order[0]?.split(' ') ?? [];
    const second = first === 'a' ? 'b' : 'a';
    expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max).
    writeFileSync(`${socket}.lock`, String(2 ** 22 + 1));
    expect(await claim('c')).toBe('c');
    // A live holder is waited for, up to the timeout.
    writeFileSync(`${socket}.lock`, String(process.pid));
    await expect(withStartLock(socket, async () => 'd', 200)).rejects.toThrow(/held by another/);
    rmSync(`${socket}.lock`);
  });
});

describe('the agent protocol', () => {
  it('carries one JSON object per line, split across chunks as they come', async () => {
    const socketPath =
      process.platform === 'win32' ? '\\\\.\\pipe\\cds-agent-parts-test' : path.join(dir, 'frames.sock');
    const received: AgentFrame[] = [];
    const server = net.createServer((socket) => {
      writeFrame(socket, { t: 'out', text: 'line one\nline "two"\n' });
      const exit = JSON.stringify({ t: 'exit', code: 2 });
      socket.write(exit.slice(0, 5));
      setTimeout(() => socket.end(`${exit.slice(5)}\n`), 20);
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const client = net.connect(socketPath);
    await new Promise<void>((resolve) => {
      readFrames<AgentFrame>(client, 1024, (frame) => received.push(frame));
      client.once('close', () => resolve());
    });
    await new Promise((resolve) => server.close(resolve));
    expect(received).toEqual([
      { t: 'out', text: 'line one\nline "two"\n' },
      { t: 'exit', code: 2 },
    ]);
  });

  it('ends a connection that sends a line longer than the limit, or one that is not JSON', async () => {
    const socketPath =
      process.platform === 'win32' ? '\\\\.\\pipe\\cds-agent-parts-limit' : path.join(dir, 'limit.sock');
    const outcomes: string[] = [];
    const server = net.createServer((socket) => {
      const frames: unknown[] = [];
      readFrames(socket, 64, (frame) => frames.push(frame));
      socket.once('close', () => outcomes.push(`${frames.length} frame(s)`));
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    for (const text of [
      `${JSON.stringify({ t: 'status' })}\n${'x'.repeat(100)}`,
      '{"t": "status"}\nnot json\n',
    ]) {
      const client = net.connect(socketPath);
      client.on('error', () => undefined);
      client.write(text);
      await new Promise((resolve) => client.once('close', resolve));
    }
    await new Promise((resolve) => server.close(resolve));
    expect(outcomes).toEqual(['1 frame(s)', '1 frame(s)']);
  });
});

describe('which command lines the background Companion runs', () => {
  const file = { CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'p' };
  const routed = (argv: string[], env: Record<string, string> = file) => runsInAgent(splitGlobals(argv), env);

  it('sends the commands that open the Companion', () => {
    expect(routed(['servers', 'list'])).toBe(true);
    expect(routed(['--json', '--data-dir', '/d', 'files', 'download', 's', '--all'])).toBe(true);
    expect(routed(['servers', 'list'], {})).toBe(true); // the OS keychain
  });

  it('runs help, --version, decrypt, agent, unknown commands and unusable vault settings here', () => {
    expect(routed(['--version'])).toBe(false);
    expect(routed(['servers', '--help'])).toBe(false);
    expect(routed([])).toBe(false);
    expect(routed(['frobnicate'])).toBe(false);
    // A mistyped or missing subcommand gets its usage error without starting a background Companion.
    expect(routed(['servers', 'lst'])).toBe(false);
    expect(routed(['servers'])).toBe(false);
    expect(routed(['register', 'my-server', '--scopes', 'a'])).toBe(true);
    expect(routed(['decrypt', '--key', 'k'])).toBe(false);
    expect(routed(['agent', 'status'])).toBe(false);
    // These fail exactly as without an agent, before anything is read or started.
    expect(routed(['servers', 'list'], { CDS_COMPANION_VAULT: 'file' })).toBe(false);
    expect(routed(['servers', 'list'], { CDS_COMPANION_VAULT: 'bogus' })).toBe(false);
  });
});

describe('the command table', () => {
  it('names exactly the subcommands each group has when loaded', async () => {
    for (const [name, entry] of Object.entries(commandTable)) {
      const group = await entry.load();
      expect([...entry.subcommands].sort(), name).toEqual(Object.keys(group.subcommands).sort());
    }
  });
});

describe('commands resolve paths against the person’s working directory', () => {
  it('decrypt reads relative files from CliIo.cwd, not from process.cwd()', async () => {
    const cwd = path.join(dir, 'person');
    mkdirSync(cwd);
    writeFileSync(path.join(cwd, 'key.jwk'), JSON.stringify(OVERVIEW_PRIVATE_JWK));
    writeFileSync(
      path.join(cwd, 'headers.txt'),
      [
        'HTTP/1.1 200 OK',
        ...Object.entries(OVERVIEW_RESPONSE_HEADERS).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n'),
    );
    writeFileSync(path.join(cwd, 'body.bin'), OVERVIEW_RESPONSE_BODY);
    expect(process.cwd()).not.toBe(cwd);
    let out = '';
    let err = '';
    const code = await runCli(
      ['--json', 'decrypt', '--key', 'key.jwk', '--headers', 'headers.txt', '--body', 'body.bin'],
      {
        out: (text) => {
          out += text;
        },
        err: (text) => {
          err += text;
        },
        env: {},
        cwd,
      },
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { body: string }).body).toBe(OVERVIEW_BODY_TEXT);
  });

  it('a command aborted (Ctrl-C) while it ran ends with 130 and prints nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    let printed = '';
    const code = await runCli(
      ['decrypt', '--key', 'key.jwk', '--headers', 'headers.txt', '--body', 'body.bin'],
      {
        out: (text) => {
          printed += text;
        },
        err: (text) => {
          printed += text;
        },
        env: {},
        cwd: path.join(dir, 'person'),
        signal: controller.signal,
      },
    );
    expect(code).toBe(130);
    expect(printed).toBe('');
  });
});
