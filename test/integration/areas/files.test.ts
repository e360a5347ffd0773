import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CdsError } from '../../../src/main/cds/errors';
import { type FaultRule, FILES_SCOPE } from '../../../src/sandbox/index';
import type { ServerFileView } from '../../../src/shared/ipc/files-contract';
import { type AreaWorld, clientIdOf, eventsNamed, registeredWorld, tempDir } from './support';

// Server-Provided Files (cds-wg1-02 §9) through the Grant Admin path (§3.3.2): list, streamed
// download with progress, cancellation, truncated transfers and size mismatches leaving nothing.

let world: AreaWorld;
let out = '';
const big = Buffer.alloc(8 * 1024 * 1024, 0x61);
const exact = Buffer.alloc(4096, 0x62);

beforeAll(async () => {
  world = await registeredWorld();
  out = tempDir('cds-downloads-');
  world.sandbox.control.createFileGrant({
    clientId: clientIdOf(world, FILES_SCOPE),
    files: [
      { name: 'backfill.csv', mimeType: 'text/csv', base64: big.toString('base64') },
      {
        name: '../../exactly-4k.bin',
        mimeType: 'application/octet-stream',
        base64: exact.toString('base64'),
      },
      { name: 'CON', mimeType: 'text/plain', base64: Buffer.from('device').toString('base64') },
    ],
  });
});

afterAll(async () => {
  await world.close();
  await rm(out, { recursive: true, force: true });
});

const fileNamed = async (name: string) => {
  const { files } = await world.api['files.list'](world.serverId);
  const found = files.find((file) => file.name === name);
  if (!found) throw new Error(`no file ${name}`);
  return found;
};
const leftovers = async () => (await readdir(out)).filter((name) => name.endsWith('.part'));
const faultDownloadOf = (file: ServerFileView, fault: Omit<FaultRule, 'method' | 'path'>) =>
  world.sandbox.control.injectFault({
    method: 'GET',
    path: new URL(String(file.object.download_uri)).pathname,
    ...fault,
  });

/** A download the sandbox cuts short fails with a CdsError saying `message` and leaves the folder as it was. */
async function expectCutShortDownloadToFail(file: ServerFileView, message: RegExp): Promise<void> {
  const before = await readdir(out);
  faultDownloadOf(file, { truncate: true });
  const error = await world.api['files.download'](world.serverId, file.fileId, { folder: out }).catch(
    (e) => e,
  );
  expect(error).toBeInstanceOf(CdsError);
  expect(error.userMessage).toMatch(message);
  expect((await readdir(out)).sort()).toEqual(before.sort());
}

describe('Server-Provided Files', () => {
  it('lists the files of every files Grant with Grant Admin tokens', async () => {
    const { files, problems } = await world.api['files.list'](world.serverId);
    expect(problems).toEqual([]);
    expect(files.map((file) => file.name).sort()).toEqual([
      '../../exactly-4k.bin',
      'CON',
      'backfill.csv',
      'sgu-gateway-ca.pem',
      'welcome-pack.pdf',
    ]);
    expect(files.find((file) => file.name === 'CON')?.safeName).toBe('_CON');
    expect(files.find((file) => file.name === '../../exactly-4k.bin')?.safeName).toBe('exactly-4k.bin');
    const log = world.sandbox.control.requestLog({
      method: 'GET',
      path: '/cds-api/v1/server-provided-files',
    });
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(eventsNamed(world, 'files.changed').length).toBeGreaterThan(0);
  });

  it('streams a download to disk with progress and never overwrites', async () => {
    const file = await fileNamed('backfill.csv');
    await writeFile(path.join(out, 'backfill.csv'), 'mine');
    const result = await world.api['files.download'](world.serverId, file.fileId, {
      folder: out,
      downloadId: 'dl-1',
    });
    expect(result).toMatchObject({ downloadId: 'dl-1', status: 'complete', size: big.length });
    expect(path.basename(result.path ?? '')).toBe('backfill (1).csv');
    expect((await readFile(result.path ?? '')).equals(big)).toBe(true);
    expect(await readFile(path.join(out, 'backfill.csv'), 'utf8')).toBe('mine');
    const progress = eventsNamed(world, 'download.progress').filter((event) => event.downloadId === 'dl-1');
    expect(progress[0]).toMatchObject({
      serverId: world.serverId,
      fileId: file.fileId,
      received: 0,
      total: big.length,
    });
    expect(progress.at(-1)?.received).toBe(big.length);
    expect(progress.length).toBeGreaterThan(1);
    const device = await world.api['files.download'](world.serverId, (await fileNamed('CON')).fileId, {
      folder: out,
    });
    expect(path.basename(device.path ?? '')).toBe('_CON');
    expect(await leftovers()).toEqual([]);
  });

  it('cancels a download mid-way, leaving no partial file', async () => {
    const file = await fileNamed('backfill.csv');
    const before = await readdir(out);
    faultDownloadOf(file, { delayMs: 200 });
    let midway = 0;
    const stop = world.companion.api.events.on('download.progress', (event) => {
      if (event.downloadId === 'dl-cancel' && event.received > 0 && event.received < event.total) {
        midway = event.received;
        void world.api['files.cancelDownload']('dl-cancel');
      }
    });
    const result = await world.api['files.download'](world.serverId, file.fileId, {
      folder: out,
      downloadId: 'dl-cancel',
    });
    stop();
    expect(result).toMatchObject({ status: 'cancelled', path: null });
    expect(midway).toBeGreaterThan(0);
    expect((await readdir(out)).sort()).toEqual(before.sort());
    expect(await world.api['files.cancelDownload']('dl-cancel')).toEqual({ cancelled: false });
  });

  it('leaves nothing when the transfer is cut short', async () => {
    await expectCutShortDownloadToFail(
      await fileNamed('../../exactly-4k.bin'),
      /ended before it was complete|sent \d+ bytes/,
    );
  });

  it('leaves nothing when the size does not match the file object', async () => {
    const file = await fileNamed('CON');
    // The fault answers with Content-Length 4096 for a 6-byte file.
    await expectCutShortDownloadToFail(
      file,
      /announced 4096 bytes for a file described as 6 bytes, so nothing was saved|larger than allowed/,
    );
    const missing = await world.api['files.download'](world.serverId, file.fileId, {
      folder: path.join(out, 'nope'),
    }).catch((e) => e);
    expect(missing.userMessage).toMatch(/does not exist/);
  });
});
