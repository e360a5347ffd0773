import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_SOCKET_NAME } from '../../../src/cli/agent/agent-socket';
import { FILE_VAULT_NAME } from '../../../src/main/vault/file-vault-prefetch';
import {
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { agentPids, alive, type Run, runCli, sleep, spawnCli, waitFor } from './agent-support';

// The CLI agent (docs/decisions/0002-cli-agent.md) as people meet it: real CLI processes (from source
// under tsx, or the bundle CDS_TEST_CLI names), real background Companions found through /proc, the
// in-process sandbox over loopback, the passphrase file vault. Every agent started here is stopped
// or has its data directory removed by the end, and none lives past 60 s idle.

const PASSPHRASE = 'agent test passphrase';
const base = mkdtempSync(path.join(tmpdir(), 'cds-agent-'));
const dirs: string[] = [];
let sandbox: RunningSandbox;

function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDS_COMPANION_VAULT: 'file',
    CDS_COMPANION_PASSPHRASE: PASSPHRASE,
    CDS_COMPANION_AGENT_IDLE_SECONDS: '60',
    ...extra,
  };
  if (!('CDS_COMPANION_AGENT' in extra)) delete env.CDS_COMPANION_AGENT;
  return env;
}

function newDataDir(name: string): string {
  const dir = path.join(base, name);
  dirs.push(dir);
  return dir;
}

const cli = (dataDir: string, args: readonly string[], extra: Record<string, string> = {}, cwd?: string) =>
  runCli(['--data-dir', dataDir, ...args], { env: envFor(extra), ...(cwd ? { cwd } : {}) });

function json<T>(run: Run): T {
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

/** The one agent serving `dataDir`. */
async function onlyAgent(dataDir: string): Promise<number> {
  await waitFor(`one agent serves ${dataDir}`, () => agentPids(dataDir).length === 1);
  return agentPids(dataDir)[0] as number;
}

async function gone(pid: number, timeoutMs = 15_000): Promise<void> {
  await waitFor(`pid ${pid} has exited`, () => !alive(pid), timeoutMs);
}

/** A server added and registered (files and grant admin scopes) through the CLI. */
async function addServer(dataDir: string): Promise<string> {
  const added = json<{ id: string }>(await cli(dataDir, ['--json', 'servers', 'add', sandbox.metadataUrl]));
  const registered = await cli(dataDir, [
    'register',
    added.id,
    '--scopes',
    `${GRANT_ADMIN_SCOPE} ${FILES_SCOPE}`,
    '--client-name',
    'Agent Tests',
  ]);
  expect(registered.code, registered.stderr).toBe(0);
  return added.id;
}

const partFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.part')) : [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  for (const dir of dirs) {
    if (existsSync(dir)) await cli(dir, ['agent', 'stop']);
  }
  await sandbox?.close();
  rmSync(base, { recursive: true, force: true });
}, 120_000);

describe.skipIf(process.platform !== 'linux')('the CLI agent', () => {
  const main = newDataDir('main');
  let serverId = '';
  let firstPid = 0;

  it('starts one background Companion that serves the next commands and reuses their tokens', async () => {
    serverId = await addServer(main);
    firstPid = await onlyAgent(main);
    const socket = path.join(main, AGENT_SOCKET_NAME);
    expect(lstatSync(socket).isSocket()).toBe(true);
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(main).mode & 0o777).toBe(0o700);

    const show = json<{ registration: { adminClientId: string } }>(
      await cli(main, ['--json', 'servers', 'show', serverId]),
    );
    const admin = show.registration.adminClientId;
    const issued = sandbox.control.tokenCount(admin);
    for (const args of [
      ['clients', 'list'],
      ['credentials', 'list'],
      ['messages', 'list'],
      ['grants', 'list'],
    ]) {
      const run = await cli(main, ['--json', ...args, serverId]);
      expect(run.code, run.stderr).toBe(0);
      expect(() => JSON.parse(run.stdout)).not.toThrow();
    }
    // One warm process: the Client Admin token of the first command serves all of them.
    expect(sandbox.control.tokenCount(admin)).toBe(issued);
    expect(issued).toBe(1);
    expect(agentPids(main)).toEqual([firstPid]);

    const status = json<Record<string, unknown>>(await cli(main, ['--json', 'agent', 'status']));
    expect(status).toMatchObject({
      running: true,
      pid: firstPid,
      dataDir: main,
      socket,
      idleTimeoutSeconds: 60,
      runningCommands: 0,
    });
  }, 120_000);

  it('prints exactly what the in-process CLI prints, exit codes included', async () => {
    for (const args of [
      ['servers', 'list'],
      ['--json', 'clients', 'list', serverId],
      ['servers', 'show', 'no-such-server'],
      ['clients', 'update', 'only-one-argument'],
    ]) {
      const viaAgent = await cli(main, args);
      const here = await cli(main, args, { CDS_COMPANION_AGENT: 'off' });
      // (`off` stopped the agent first; the next command starts a new one.)
      expect({ ...viaAgent, signal: null }).toEqual({ ...here, signal: null });
    }
    const missing = await cli(main, ['servers', 'show', 'no-such-server']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect((await cli(main, ['clients', 'update', 'x'])).code).toBe(2);
    firstPid = await onlyAgent(main);
  }, 180_000);

  it('resolves paths against the client’s working directory', async () => {
    const cwd = path.join(base, 'cwd');
    mkdirSync(cwd, { recursive: true });
    const run = await cli(main, ['files', 'download', serverId, '--all', '--out', 'saved'], {}, cwd);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(path.join(cwd, 'saved')).length).toBeGreaterThan(0);
    expect(agentPids(main)).toEqual([firstPid]);
    // The folder it made has the mode the person's own process would give it (their umask).
    const here = await cli(
      main,
      ['files', 'download', serverId, '--all', '--out', 'saved-here'],
      {
        CDS_COMPANION_AGENT: 'off',
      },
      cwd,
    );
    expect(here.code, here.stderr).toBe(0);
    expect(statSync(path.join(cwd, 'saved')).mode & 0o777).toBe(
      statSync(path.join(cwd, 'saved-here')).mode & 0o777,
    );
    expect((await cli(main, ['servers', 'list'])).code).toBe(0);
    firstPid = await onlyAgent(main);
  }, 60_000);

  it('refuses a client with another passphrase, and stays', async () => {
    const run = await cli(main, ['servers', 'list'], { CDS_COMPANION_PASSPHRASE: 'not the passphrase' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^cds-companion: the passphrase does not match the running background Companion for /,
    );
    expect(run.stderr).not.toContain(PASSPHRASE);
    expect(agentPids(main)).toEqual([firstPid]);
  }, 60_000);

  it('aborts a download whose client was killed (no temp file left) and keeps serving', async () => {
    const clients = json<{ client_id: string; scope: string }[]>(
      await cli(main, ['--json', 'clients', 'list', serverId]),
    );
    const filesClient = clients.find((client) => client.scope === FILES_SCOPE)?.client_id ?? '';
    // Big enough that it is still running when its client goes away; streamed, never in memory.
    sandbox.control.createGeneratedFileGrant({ clientId: filesClient, name: 'huge.bin', size: 2 ** 31 });
    const listing = await cli(main, ['files', 'list', serverId]);
    const fileId = /^(\S+)\s+\d+\s.*\shuge\.bin$/m.exec(listing.stdout)?.[1] ?? '';
    expect(fileId, listing.stdout).not.toBe('');

    for (const how of ['SIGKILL', 'SIGINT'] as const) {
      const out = path.join(base, `interrupted-${how}`);
      const download = spawnCli(['--data-dir', main, 'files', 'download', serverId, fileId, '--out', out], {
        env: envFor(),
      });
      await waitFor('the download has started', () => partFiles(out).length > 0, 60_000);
      download.child.kill(how);
      const run = await download.done;
      if (how === 'SIGINT') {
        // Ctrl-C: the agent cancels, the client leaves with 130 and no line of its own.
        expect(run.code).toBe(130);
        expect(run.stderr).toBe('');
      }
      await waitFor('the temp file is removed', () => partFiles(out).length === 0, 30_000);
      expect(readdirSync(out)).toEqual([]);
      expect(agentPids(main)).toEqual([firstPid]);
      await waitFor(
        'the agent runs no command',
        async () =>
          json<{ runningCommands: number }>(await cli(main, ['--json', 'agent', 'status']))
            .runningCommands === 0,
      );
    }
  }, 180_000);

  it('makes way for a client of another version', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(path.join(main, AGENT_SOCKET_NAME));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        text += chunk;
      });
      socket.once('error', reject);
      socket.once('close', () => resolve(text));
      socket.write(
        `${JSON.stringify({
          t: 'run',
          argv: ['servers', 'list'],
          cwd: base,
          env: {},
          stdout: { isTTY: false, columns: 0 },
          stderr: { isTTY: false, columns: 0 },
          dataDir: main,
          version: '0.0.0-another',
          vault: 'file',
          caFile: null,
          passphraseSha256: null,
        })}\n`,
      );
    });
    // Told to wait, then the connection closes when the agent has exited.
    expect(JSON.parse(reply.split('\n')[0] as string)).toMatchObject({ t: 'retiring', pid: firstPid });
    await gone(firstPid);
    const listed = json<{ id: string }[]>(await cli(main, ['--json', 'servers', 'list']));
    expect(listed.map((server) => server.id)).toEqual([serverId]);
    firstPid = await onlyAgent(main);
  }, 60_000);

  it('restarts for another --ca-file and again without it', async () => {
    const caFile = '/etc/ssl/certs/ca-certificates.crt';
    if (!existsSync(caFile)) return;
    const withCa = await cli(main, ['--ca-file', caFile, 'servers', 'list']);
    expect(withCa.code, withCa.stderr).toBe(0);
    await gone(firstPid);
    const second = await onlyAgent(main);
    expect(second).not.toBe(firstPid);
    expect((await cli(main, ['servers', 'list'])).code).toBe(0);
    await gone(second);
    firstPid = await onlyAgent(main);
  }, 120_000);

  it('replaces a killed agent (its socket file left behind) and loses nothing', async () => {
    process.kill(firstPid, 'SIGKILL');
    await gone(firstPid);
    // The dead agent's socket file is stale: nobody listens.
    expect(lstatSync(path.join(main, AGENT_SOCKET_NAME)).isSocket()).toBe(true);
    const listed = json<{ id: string; registered: boolean }[]>(
      await cli(main, ['--json', 'servers', 'list']),
    );
    expect(listed).toMatchObject([{ id: serverId, registered: true }]);
    expect((await cli(main, ['--json', 'credentials', 'list', serverId])).code).toBe(0);
    const replacement = await onlyAgent(main);
    expect(replacement).not.toBe(firstPid);
    firstPid = replacement;
  }, 120_000);

  it('agent status and agent stop', async () => {
    const status = await cli(main, ['agent', 'status']);
    expect(status.stdout).toContain(`Pid:`);
    expect(status.stdout).toContain(String(firstPid));
    const stop = await cli(main, ['agent', 'stop']);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toBe(`stopped the background Companion (pid ${firstPid}) of ${main}\n`);
    expect(alive(firstPid)).toBe(false);
    expect(existsSync(path.join(main, AGENT_SOCKET_NAME))).toBe(false);
    expect(json(await cli(main, ['--json', 'agent', 'status']))).toEqual({ running: false, dataDir: main });
    expect((await cli(main, ['agent', 'stop'])).stdout).toBe(`no background Companion runs for ${main}\n`);
  }, 60_000);

  it('with CDS_COMPANION_AGENT=off runs in the process, after a running agent has stopped', async () => {
    expect((await cli(main, ['servers', 'list'])).code).toBe(0);
    const pid = await onlyAgent(main);
    const off = await cli(main, ['--json', 'servers', 'list'], { CDS_COMPANION_AGENT: 'off' });
    expect(json<unknown[]>(off)).toHaveLength(1);
    expect(alive(pid)).toBe(false);
    expect(agentPids(main)).toEqual([]);
    expect(existsSync(path.join(main, AGENT_SOCKET_NAME))).toBe(false);
  }, 120_000);

  it('exits after its idle timeout', async () => {
    const dir = newDataDir('idle');
    expect((await cli(dir, ['servers', 'list'], { CDS_COMPANION_AGENT_IDLE_SECONDS: '1' })).code).toBe(0);
    const pid = await onlyAgent(dir);
    await gone(pid, 20_000);
    expect(existsSync(path.join(dir, AGENT_SOCKET_NAME))).toBe(false);
  }, 60_000);

  it('exits when its data directory is removed', async () => {
    const dir = newDataDir('removed');
    expect((await cli(dir, ['servers', 'list'])).code).toBe(0);
    const pid = await onlyAgent(dir);
    rmSync(dir, { recursive: true, force: true });
    await gone(pid, 10_000);
  }, 60_000);

  it('two clients starting at once get one agent', async () => {
    const dir = newDataDir('race');
    const runs = await Promise.all([1, 2, 3].map(() => cli(dir, ['--json', 'servers', 'list'])));
    for (const run of runs) expect(json(run)).toEqual([]);
    await onlyAgent(dir);
    await sleep(500);
    expect(agentPids(dir)).toHaveLength(1);
  }, 120_000);

  it('serves two spellings of one data directory (through a symlink) with one agent', async () => {
    const dir = newDataDir('real');
    const link = path.join(base, 'link-to-real');
    mkdirSync(dir, { mode: 0o700 });
    symlinkSync(dir, link);
    expect((await cli(dir, ['servers', 'list'])).code).toBe(0);
    const pid = await onlyAgent(dir);
    expect((await cli(link, ['servers', 'list'])).code).toBe(0);
    expect(agentPids(dir)).toEqual([pid]);
    expect(agentPids(link)).toEqual([]);
  }, 60_000);

  it('reports a start failure in one line, exits 1 and leaves no process', async () => {
    const dir = newDataDir('wrong');
    expect((await cli(dir, ['servers', 'list'])).code).toBe(0);
    // A new vault is created while the first command runs (its key derives meanwhile).
    await waitFor('the vault file exists', () => existsSync(path.join(dir, FILE_VAULT_NAME)));
    expect((await cli(dir, ['agent', 'stop'])).code).toBe(0);
    const run = await cli(dir, ['servers', 'list'], { CDS_COMPANION_PASSPHRASE: 'not the passphrase' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cds-companion: The passphrase does not open the vault file .*\n$/);
    await waitFor('no agent is left', () => agentPids(dir).length === 0, 10_000);
    expect(existsSync(path.join(dir, AGENT_SOCKET_NAME))).toBe(false);
  }, 60_000);

  it('keeps its socket in a private directory when the data directory’s path is too long', async () => {
    const temp = path.join(base, 'tmp');
    mkdirSync(temp, { mode: 0o700 });
    const dir = newDataDir(`long-${'x'.repeat(110)}`);
    const privateDir = path.join(temp, `cds-companion-agent-${process.getuid?.()}`);
    // Someone else could open it: refused, nothing started.
    mkdirSync(privateDir, { mode: 0o755 });
    chmodSync(privateDir, 0o755);
    const refused = await cli(dir, ['servers', 'list'], { TMPDIR: temp });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('must be a directory that only you can open');
    expect(agentPids(dir)).toEqual([]);
    chmodSync(privateDir, 0o700);

    expect((await cli(dir, ['servers', 'list'], { TMPDIR: temp })).code).toBe(0);
    const status = json<{ socket: string }>(await cli(dir, ['--json', 'agent', 'status'], { TMPDIR: temp }));
    expect(path.dirname(status.socket)).toBe(privateDir);
    expect(statSync(status.socket).mode & 0o777).toBe(0o600);
    expect(statSync(privateDir).mode & 0o777).toBe(0o700);
    expect(existsSync(path.join(dir, AGENT_SOCKET_NAME))).toBe(false);
    expect((await cli(dir, ['agent', 'stop'], { TMPDIR: temp })).code).toBe(0);
    expect(existsSync(status.socket)).toBe(false);
  }, 60_000);
});
