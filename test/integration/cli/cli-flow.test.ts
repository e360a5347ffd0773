import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSecretKey } from '../../../src/main/cds/oauth/vault-keys';
import { openVault } from '../../../src/main/vault/open-vault';
import { CUSTOMER_DATA_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { readAllFiles, removeDir, tempDataDir } from '../companion/support';

// The `cds-companion` CLI as a child process (`node --import tsx src/cli/main.ts`) against the real
// sandbox, with the passphrase file vault: exit codes 0/1/2, --json outputs, --help, and no secret
// in the data directory or in any output.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const env = { ...process.env, CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'cli test passphrase' };
let sandbox: RunningSandbox;
const dataDir = tempDataDir();
const outputs: string[] = [];

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', '--data-dir', dataDir, ...args],
      {
        cwd: root,
        env,
      },
    );
    outputs.push(stdout, stderr);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    outputs.push(failed.stdout, failed.stderr);
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});

afterAll(async () => {
  await sandbox.close();
  removeDir(dataDir);
});

describe('cds-companion CLI', () => {
  it('prints its version and help, and exits 2 on usage errors', async () => {
    const version = await cli('--version');
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('servers');
    const subHelp = await cli('clients', 'update', '--help');
    expect(subHelp.stdout).toContain('--add-redirect-uri');
    const usage = await cli('clients', 'update', 'only-one-argument');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: cds-companion clients update');
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('servers', 'add', 'x', '--bogus')).code).toBe(2);
  }, 120_000);

  it('runs the registration flow with --json output and keeps secrets out of files and outputs', async () => {
    const added = await cli('--json', 'servers', 'add', sandbox.metadataUrl, '--name', 'bars');
    expect(added.code).toBe(0);
    const server = JSON.parse(added.stdout) as { id: string; name: string; metadataUrl: string };
    expect(server).toMatchObject({ name: 'bars', metadataUrl: sandbox.metadataUrl });

    const missing = await cli('servers', 'show', 'no-such-server');
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);

    const registered = await cli(
      'register',
      'bars',
      '--scopes',
      `cds_grant_admin_1 cds_server_provided_files_1 ${CUSTOMER_DATA_SCOPE}`,
      '--client-name',
      'Example Energy Audit Services',
      '--field',
      'cds_company_name=Example Energy Audit Services',
    );
    expect(registered.code, registered.stderr).toBe(0);
    expect(registered.stdout).toContain('registered: admin client');

    const clients = JSON.parse((await cli('--json', 'clients', 'list', server.id)).stdout) as {
      client_id: string;
      scope: string;
    }[];
    expect(clients.map((client) => client.scope).sort()).toEqual(
      ['cds_client_admin', 'cds_grant_admin_1', 'cds_server_provided_files_1', CUSTOMER_DATA_SCOPE].sort(),
    );
    const credentials = JSON.parse((await cli('--json', 'credentials', 'list', 'bars')).stdout) as Record<
      string,
      unknown
    >[];
    expect(credentials.length).toBe(3);
    for (const credential of credentials) expect(credential).not.toHaveProperty('client_secret');

    const accounts = clients.find((client) => client.scope === CUSTOMER_DATA_SCOPE)?.client_id ?? '';
    const rotated = await cli('--json', 'credentials', 'rotate', 'bars', accounts);
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ clientId: accounts, complete: true });
    const updated = await cli(
      'clients',
      'update',
      'bars',
      accounts,
      '--add-redirect-uri',
      'http://127.0.0.1:8765/cb',
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect((await cli('--json', 'servers', 'list')).stdout).toContain('"registered": true');

    // The secrets are in the (encrypted) file vault only. Stopping the background Companion first
    // puts its caches on disk (they are written behind: ADR 0003), so every file is checked whole.
    expect((await cli('agent', 'stop')).code).toBe(0);
    const vault = await openVault({ dataDir, env });
    const secrets = (
      await Promise.all(clients.map((client) => vault.get(clientSecretKey(server.id, client.client_id))))
    ).filter((secret): secret is string => typeof secret === 'string');
    expect(secrets).toHaveLength(3);
    for (const { file, text } of readAllFiles(dataDir)) {
      for (const secret of secrets) expect(text.includes(secret), `${file} holds a secret`).toBe(false);
    }
    for (const secret of secrets) expect(outputs.some((output) => output.includes(secret))).toBe(false);

    const removed = await cli('servers', 'remove', 'bars');
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse((await cli('--json', 'servers', 'list')).stdout)).toEqual([]);
  }, 120_000);
});
