import { execFile } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
  type RunningSandbox,
  startSandbox,
} from '../../../src/sandbox/index';
import { tempDir } from './support';

// The messages, grants and files commands as a person runs them: child processes of the CLI from
// source (tsx) on a temporary data directory with the file vault, against the in-process sandbox.

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
let sandbox: RunningSandbox;
let dataDir = '';
let serverId = '';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', MAIN, '--data-dir', dataDir, ...args],
      {
        env: { ...process.env, CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'areas-cli-pass' },
        timeout: 50_000,
      },
      (error, stdout, stderr) => {
        const code =
          error && typeof (error as { code?: unknown }).code === 'number'
            ? ((error as { code: number }).code ?? 1)
            : error
              ? 1
              : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const json = (run: Run) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, pageSize: 2 });
  dataDir = tempDir('cds-cli-areas-');
  serverId = json(await cli('--json', 'servers', 'add', sandbox.metadataUrl, '--name', 'cli-areas')).id;
  const registered = await cli(
    'register',
    serverId,
    '--scopes',
    `${GRANT_ADMIN_SCOPE} ${FILES_SCOPE}`,
    '--client-name',
    'CLI Areas',
  );
  expect(registered.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('CLI: messages, grants, files', () => {
  it('lists, sends with an attachment, shows and marks Messages', async () => {
    const listed = json(await cli('--json', 'messages', 'list', serverId, '--unread'));
    expect(Array.isArray(listed)).toBe(true);
    expect(listed.every((m: { read: boolean }) => m.read === false)).toBe(true);
    const file = path.join(dataDir, 'scan.png');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    const sent = json(
      await cli(
        '--json',
        'messages',
        'send',
        serverId,
        '--type',
        'support_request',
        '--subject',
        'Help',
        '--body',
        'See scan.',
        '--attach',
        file,
      ),
    );
    expect(sent).toMatchObject({
      type: 'support_request',
      name: 'Help',
      status: 'pending',
      attachments: [{ filename: 'scan.png', mime_type: 'image/png', size: 11 }],
    });
    const shown = await cli('messages', 'show', serverId, sent.message_id);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('scan.png (image/png, 11 bytes)');
    expect(shown.stdout).toContain('Conversation:');
    const marked = await cli('messages', 'mark-read', serverId, sent.message_id, '--unread');
    expect(marked.stdout.trim()).toBe(`marked ${sent.message_id} as unread`);
    const text = await cli('messages', 'list', serverId);
    expect(text.stdout).toMatch(/^\d+ unread, \d+ outstanding/);
  }, 120_000);

  it('exits 2 for usage problems and 1 for refused Messages', async () => {
    const badType = await cli('messages', 'send', serverId, '--type', 'notification');
    expect(badType.code).toBe(2);
    expect(badType.stderr).toContain('--type must be one of');
    const noSubject = await cli('messages', 'send', serverId, '--type', 'private_message', '--body', 'x');
    expect(noSubject.code).toBe(1);
    expect(noSubject.stderr).toMatch(/cli-areas: a private_message needs a subject/);
    const help = await cli('messages', 'send', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--attach PATH');
  }, 120_000);

  it('lists and shows Grants', async () => {
    const grants = json(await cli('--json', 'grants', 'list', serverId, '--scope', FILES_SCOPE));
    expect(grants).toHaveLength(1);
    const shown = await cli('grants', 'show', serverId, grants[0].grant_id);
    expect(shown.stdout).toMatch(/Status: +active: Active/);
    expect(json(await cli('--json', 'grants', 'list', serverId, '--status', 'closed'))).toEqual([]);
  }, 120_000);

  it('lists and downloads files, never overwriting', async () => {
    const files = json(await cli('--json', 'files', 'list', serverId));
    expect(files.map((f: { name: string }) => f.name).sort()).toEqual([
      'sgu-gateway-ca.pem',
      'welcome-pack.pdf',
    ]);
    const out = path.join(dataDir, 'downloads');
    const downloaded = json(await cli('--json', 'files', 'download', serverId, '--all', '--out', out));
    expect(downloaded.map((d: { status: string }) => d.status)).toEqual(['complete', 'complete']);
    expect((await readdir(out)).sort()).toEqual(['sgu-gateway-ca.pem', 'welcome-pack.pdf']);
    const again = await cli('files', 'download', serverId, files[0].file_id, '--out', out);
    expect(again.stdout).toMatch(/saved .* \(1\)\./);
    expect((await cli('files', 'download', serverId, '--out', out)).code).toBe(2);
  }, 120_000);

  it('closes a Grant, after which its files are gone', async () => {
    const [grant] = json(await cli('--json', 'grants', 'list', serverId, '--scope', FILES_SCOPE));
    const closed = await cli('grants', 'close', serverId, grant.grant_id);
    expect(closed.stdout.trim()).toBe(`closed ${grant.grant_id} (closed)`);
    const none = await cli('files', 'list', serverId);
    expect(none.stdout.trim()).toBe('(none)');
  }, 120_000);
});
