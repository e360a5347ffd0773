import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanion } from '../../../src/main/companion/companion';
import { openVault } from '../../../src/main/vault/open-vault';
import { FILES_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { removeDir, tempDataDir } from '../companion/support';

// `files download` draws its progress bar from the Companion's download.progress events when stderr
// is a terminal (CliContext.events): the CLI runs in a pseudo-terminal made by util-linux `script`,
// and, as the counter-check, with plain pipes where no bar may appear.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = '/usr/bin/script';
const env = { ...process.env, CDS_COMPANION_VAULT: 'file', CDS_COMPANION_PASSPHRASE: 'tty test passphrase' };
const FILE_BYTES = 3 * 1024 * 1024;

let sandbox: RunningSandbox;
let serverId: string;
let fileId: string;
const dataDir = tempDataDir();
const downloads = tempDataDir();

const quote = (arg: string): string => `'${arg.replace(/'/g, `'\\''`)}'`;

const cliArgs = (out: string): string[] => [
  '--import',
  'tsx',
  'src/cli/main.ts',
  '--data-dir',
  dataDir,
  'files',
  'download',
  serverId,
  fileId,
  '--out',
  out,
];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  // The data directory is prepared in this process; the vault file records a low scrypt cost so
  // the child's open stays quick (it uses the parameters the file records).
  const vault = await openVault({ dataDir, env, scrypt: { N: 2 ** 14, r: 8, p: 1 } });
  const companion = await createCompanion({ dataDir, version: '0.0.0-test', vault });
  try {
    const api = companion.api.handlers;
    serverId = (await api['servers.add']({ url: sandbox.metadataUrl })).id;
    const result = await api['registration.submit'](serverId, {
      scopes: [FILES_SCOPE],
      clientName: 'Example Energy Audit Services',
      values: {},
    });
    const filesClient = result.clients.find((client) => client.scope === FILES_SCOPE)?.clientId ?? '';
    sandbox.control.createGeneratedFileGrant({
      clientId: filesClient,
      name: 'backfill.bin',
      size: FILE_BYTES,
    });
    const listed = await api['files.list'](serverId);
    fileId = listed.files.find((file) => file.name === 'backfill.bin')?.fileId ?? '';
  } finally {
    await companion.close();
  }
});

afterAll(async () => {
  await sandbox.close();
  removeDir(dataDir);
  removeDir(downloads);
});

describe('files download progress bar', () => {
  it.skipIf(!existsSync(SCRIPT))('draws the bar on a terminal and ends it at 100%', async () => {
    const out = path.join(downloads, 'tty');
    const command = [process.execPath, ...cliArgs(out)].map(quote).join(' ');
    // script -q: no banner; -e: its exit code is the command's; -c: the command; /dev/null: no log.
    const { stdout } = await run(SCRIPT, ['-qec', command, '/dev/null'], { cwd: root, env });
    expect(stdout).toMatch(/\rbackfill\.bin +\[[#.]+\] +\d+%/);
    expect(stdout).toContain('100%');
    expect(stdout).toContain('3.0 MB / 3.0 MB');
    expect(stdout).toContain(`saved ${fileId}`);
    expect(readdirSync(out)).toEqual(['backfill.bin']);
  });

  it('draws nothing when stderr is not a terminal', async () => {
    const out = path.join(downloads, 'pipe');
    const { stdout, stderr } = await run(process.execPath, cliArgs(out), { cwd: root, env });
    expect(stderr).not.toContain('%');
    expect(stdout).toContain(`saved ${fileId}`);
    expect(readdirSync(out)).toEqual(['backfill.bin']);
  });
});
