import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Companion } from '../../../src/main/companion/companion';
import { generatedFileStream } from '../../../src/sandbox/generated-files';
import { FILES_SCOPE, type RunningSandbox, startSandbox } from '../../../src/sandbox/index';
import { openCompanion, removeDir, sharedVault, tempDataDir } from '../companion/support';

// The sandbox's generated Server-Provided Files (generated-files.ts): any size, streamed, the same
// bytes every time; shared through the control surface and over the admin HTTP API.

let sandbox: RunningSandbox;
let companion: Companion;
let serverId: string;
let filesClientId: string;
const dataDir = tempDataDir();
const downloads = tempDataDir();

const sha256 = async (stream: AsyncIterable<Buffer>): Promise<string> => {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  companion = await openCompanion(dataDir, sharedVault());
  const api = companion.api.handlers;
  serverId = (await api['servers.add']({ url: sandbox.metadataUrl })).id;
  const result = await api['registration.submit'](serverId, {
    scopes: [FILES_SCOPE],
    clientName: 'Example Energy Audit Services',
    values: {},
  });
  filesClientId = result.clients.find((client) => client.scope === FILES_SCOPE)?.clientId ?? '';
});

afterAll(async () => {
  await companion.close();
  await sandbox.close();
  removeDir(dataDir);
  removeDir(downloads);
});

describe('generated Server-Provided Files', () => {
  it('streams the announced number of bytes, the same ones every time', async () => {
    const size = 5 * 1024 * 1024 + 123; // not a whole number of blocks
    const grant = sandbox.control.createGeneratedFileGrant({
      clientId: filesClientId,
      name: 'big.bin',
      size,
    });
    expect(grant.status).toBe('active');
    const listed = await companion.api.handlers['files.list'](serverId);
    const file = listed.files.find((item) => item.name === 'big.bin');
    expect(file?.size).toBe(size);
    const saved = await companion.api.handlers['files.download'](serverId, file?.fileId ?? '', {
      folder: downloads,
    });
    expect(saved.status).toBe('complete');
    expect(statSync(saved.path ?? '').size).toBe(size);
    const expected = await sha256(generatedFileStream(file?.fileId ?? '', size));
    expect(
      createHash('sha256')
        .update(readFileSync(saved.path ?? ''))
        .digest('hex'),
    ).toBe(expected);
  });

  it('is offered over the admin HTTP API and refuses a bad size', async () => {
    const call = (body: unknown) =>
      fetch(`${sandbox.baseUrl}/sandbox-admin/generated-file-grant`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sandbox.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await call({ clientId: filesClientId, size: -1 });
    expect(bad.status).toBe(400);
    const good = await call({ clientId: filesClientId, size: 1000, name: 'small.bin' });
    expect(good.status).toBe(200);
    const grant = (await good.json()) as { authorization_details: Array<{ file_id: string }> };
    expect(grant.authorization_details).toHaveLength(1);
  });

  it('generates the same bytes for the same id and different ones for another id', async () => {
    const a = await sha256(generatedFileStream('file-a', 200_000));
    expect(await sha256(generatedFileStream('file-a', 200_000))).toBe(a);
    expect(await sha256(generatedFileStream('file-b', 200_000))).not.toBe(a);
    let total = 0;
    for await (const chunk of generatedFileStream('file-a', 0)) total += (chunk as Buffer).length;
    expect(total).toBe(0);
  });

  it('repeats one 64 KiB block, sent in writes of at most 1 MiB', async () => {
    const block = 64 * 1024;
    const size = 2 * 1024 * 1024 + 3 * block + 7; // ends inside a block and inside a write
    const chunks: Buffer[] = [];
    for await (const chunk of generatedFileStream('file-a', size)) chunks.push(chunk as Buffer);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBe(1024 * 1024);
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(size);
    const first = bytes.subarray(0, block);
    for (let offset = block; offset < size; offset += block) {
      const part = bytes.subarray(offset, Math.min(offset + block, size));
      expect(part.equals(first.subarray(0, part.length))).toBe(true);
    }
    // The 64 KiB block itself is not a repetition of something shorter.
    expect(first.subarray(0, 32).equals(first.subarray(32, 64))).toBe(false);
  });
});
