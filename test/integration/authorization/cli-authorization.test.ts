import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import {
  CUSTOMER_DATA_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import {
  OVERVIEW_BODY_TEXT,
  OVERVIEW_HEADER_BLOCK,
  OVERVIEW_PRIVATE_JWK,
  OVERVIEW_RESPONSE_BODY,
  OVERVIEW_RESPONSE_HEADERS,
} from '../../unit/jose/overview-vector';
import { approveInBrowser, deliver } from './support';

// The CLI against an in-process sandbox, its vault the passphrase file vault in a fresh data
// directory: `decrypt` and `authorize` as child processes (`node --import tsx src/cli/main.ts`), the
// other steps through the same entry point in this process (runCli), to keep the file fast.

const root = path.resolve(__dirname, '../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'cds-auth-cli-'));
const dataDir = path.join(dir, 'data');
const env = { ...process.env, CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'cli test passphrase' };
let sandbox: RunningSandbox;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      onStderr?.(stderr, child);
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function inProcess(args: readonly string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    env,
  });
  return { code, stdout, stderr };
}

const curlHeaders = (headers: Record<string, string>) =>
  [
    'HTTP/1.1 200 OK',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: application/octet-stream',
    '',
    '',
  ].join('\r\n');

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pageSize: 3 });
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('decrypt (no Server, no data directory)', () => {
  const keyFile = path.join(dir, 'key.jwk');
  const headersFile = path.join(dir, 'headers.txt');
  const bodyFile = path.join(dir, 'body.bin');
  const tamperedFile = path.join(dir, 'tampered.bin');

  it('decrypts the overview’s real vector', async () => {
    writeFileSync(keyFile, JSON.stringify(OVERVIEW_PRIVATE_JWK));
    writeFileSync(headersFile, curlHeaders(OVERVIEW_RESPONSE_HEADERS));
    writeFileSync(bodyFile, OVERVIEW_RESPONSE_BODY);
    const text = await inProcess(['decrypt', '--key', keyFile, '--headers', headersFile, '--body', bodyFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(`${OVERVIEW_HEADER_BLOCK}\n\n${OVERVIEW_BODY_TEXT}\n`);
    expect(
      text.stdout.startsWith(
        'Content-Type: application/json\nX-Log-ID: 123456abcdef\n\n{"accounts": [], "next": null, "previous": null}',
      ),
    ).toBe(true);
    const json = await inProcess([
      '--json',
      'decrypt',
      '--key',
      keyFile,
      '--headers',
      headersFile,
      '--body',
      bodyFile,
    ]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ headers: OVERVIEW_HEADER_BLOCK, body: OVERVIEW_BODY_TEXT });
  });

  it('a tampered body: exit 1, one line on stderr, nothing on stdout', async () => {
    const tampered = Buffer.from(OVERVIEW_RESPONSE_BODY);
    tampered[5] = (tampered[5] ?? 0) ^ 0x01;
    writeFileSync(tamperedFile, tampered);
    for (const run of [
      await cli(['decrypt', '--key', keyFile, '--headers', headersFile, '--body', tamperedFile]),
      await inProcess([
        '--json',
        'decrypt',
        '--key',
        keyFile,
        '--headers',
        headersFile,
        '--body',
        tamperedFile,
      ]),
    ]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^cds-companion: /);
      expect(run.stderr).not.toContain('accounts');
    }
    const missing = await inProcess(['decrypt', '--key', keyFile, '--headers', headersFile]);
    expect(missing.code).toBe(2);
  });
});

describe('authorize, data, keys', () => {
  it('authorizes through the loopback redirect with --no-open and reads the decrypted accounts', async () => {
    const added = await inProcess([
      '--data-dir',
      dataDir,
      '--json',
      'servers',
      'add',
      sandbox.metadataUrl,
      '--name',
      'CLI utility',
    ]);
    expect(added.code, added.stderr).toBe(0);
    const serverId = (JSON.parse(added.stdout) as { id: string }).id;
    const registered = await inProcess([
      '--data-dir',
      dataDir,
      'register',
      serverId,
      '--scopes',
      `${GRANT_ADMIN_SCOPE} ${CUSTOMER_DATA_SCOPE}`,
      '--field',
      'cds_company_name=CLI Tests Inc',
    ]);
    expect(registered.code, registered.stderr).toBe(0);

    let browsing: Promise<void> | null = null;
    const authorized = await cli(
      [
        '--data-dir',
        dataDir,
        '--json',
        'authorize',
        serverId,
        '--scope',
        CUSTOMER_DATA_SCOPE,
        '--encrypt',
        '--no-open',
        '--detail',
        'max_accounts=3',
        '--detail',
        'min_balance=0.00',
        '--timeout',
        '60',
      ],
      (stderr) => {
        const url = /^(http:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?\S+)$/m.exec(stderr)?.[1];
        if (url && !browsing) {
          browsing = approveInBrowser(url, 'bob').then(async (run) => {
            await deliver(run.redirect);
          });
        }
      },
    );
    await browsing;
    expect(authorized.code, authorized.stderr).toBe(0);
    expect(authorized.stderr).toMatch(/Open this address in a browser to authorize/);
    const view = JSON.parse(authorized.stdout) as { grantId: string; kid: string; status: string };
    expect(view.status).toBe('active');
    expect(view.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const data = await inProcess([
      '--data-dir',
      dataDir,
      '--json',
      'data',
      'accounts',
      serverId,
      '--grant',
      view.grantId,
    ]);
    expect(data.code, data.stderr).toBe(0);
    const accounts = JSON.parse(data.stdout) as { encrypted: boolean; kid: string; accounts: unknown[] };
    expect(accounts.encrypted).toBe(true);
    expect(accounts.kid).toBe(view.kid);
    expect(accounts.accounts).toHaveLength(3);
    const text = await inProcess(['--data-dir', dataDir, 'data', 'accounts', serverId, '--q', 'store']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^# Grant .*Decrypted on this device with key/);

    const shown = await inProcess(['--data-dir', dataDir, '--json', 'keys', 'show', serverId]);
    expect(JSON.parse(shown.stdout).current.kid).toBe(view.kid);
    const rotated = await inProcess(['--data-dir', dataDir, '--json', 'keys', 'rotate', serverId]);
    const after = JSON.parse(rotated.stdout) as {
      current: { kid: string };
      keys: { kid: string; grantIds: string[] }[];
    };
    expect(after.current.kid).not.toBe(view.kid);
    expect(after.keys.find((key) => key.kid === view.kid)?.grantIds).toEqual([view.grantId]);
    for (const output of [authorized.stdout, data.stdout, shown.stdout, rotated.stdout])
      expect(output).not.toMatch(/"d"\s*:/);
  }, 60_000);

  it('usage errors exit 2', async () => {
    const run = await inProcess(['--data-dir', dataDir, 'authorize', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--scope is required/);
  });
});
