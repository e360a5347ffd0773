import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Companion, createCompanion } from '../../../src/main/companion/companion';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';

// files.pickFolder and files.showInFolder through the real Companion on a real file system: "Show in
// folder" reaches the front end's showItemInFolder only for files inside a chosen folder.

const root = mkdtempSync(path.join(tmpdir(), 'cds-folders-'));
const downloads = path.join(root, 'downloads');
const picked = path.join(root, 'picked');
const outside = path.join(root, 'outside');
const shown: string[] = [];
let companion: Companion;

beforeAll(async () => {
  for (const dir of [downloads, picked, outside]) mkdirSync(dir);
  writeFileSync(path.join(downloads, 'bill.pdf'), 'pdf');
  writeFileSync(path.join(picked, 'usage.csv'), 'csv');
  writeFileSync(path.join(outside, 'private.txt'), 'no');
  symlinkSync(path.join(outside, 'private.txt'), path.join(downloads, 'link.txt'));
  companion = await createCompanion({
    dataDir: path.join(root, 'data'),
    version: '0.0.0-test',
    vault: createMemoryVault(),
    defaultDownloadFolder: downloads,
    pickFolder: async () => picked,
    showItemInFolder: (filePath) => shown.push(filePath),
  });
});

afterAll(async () => {
  await companion.close();
  rmSync(root, { recursive: true, force: true });
});

describe('folders', () => {
  it('shows a file of the download folder, refuses others, and allows a picked folder once picked', async () => {
    const api = companion.api.handlers;
    expect(await api['files.showInFolder'](path.join(downloads, 'bill.pdf'))).toEqual({
      path: path.join(downloads, 'bill.pdf'),
    });
    for (const refused of [
      path.join(outside, 'private.txt'),
      path.join(downloads, 'link.txt'),
      path.join(downloads, '..', 'outside', 'private.txt'),
      path.join(downloads, 'missing.pdf'),
      downloads,
      'bill.pdf',
    ]) {
      await expect(api['files.showInFolder'](refused), refused).rejects.toThrow(/download folder/);
    }
    await expect(api['files.showInFolder'](path.join(picked, 'usage.csv'))).rejects.toThrow(
      /download folder/,
    );
    expect(await api['files.pickFolder']({ title: 'Save to' })).toEqual({ folder: picked });
    await api['files.showInFolder'](path.join(picked, 'usage.csv'));
    expect(shown).toEqual([path.join(downloads, 'bill.pdf'), path.join(picked, 'usage.csv')]);
  });

  it('follows the download folder chosen in the settings', async () => {
    const api = companion.api.handlers;
    const chosen = path.join(root, 'chosen');
    mkdirSync(chosen);
    writeFileSync(path.join(chosen, 'data.json'), '{}');
    await api['settings.update']({ downloadFolder: chosen });
    await api['files.showInFolder'](path.join(chosen, 'data.json'));
    await expect(api['files.showInFolder'](path.join(downloads, 'bill.pdf'))).rejects.toThrow(
      /download folder/,
    );
    expect(shown.at(-1)).toBe(path.join(chosen, 'data.json'));
  });

  it('answers null from the CLI, which has no folder picker, and refuses to show files there', async () => {
    const cli = await createCompanion({
      dataDir: path.join(root, 'cli'),
      version: '0.0.0-test',
      vault: createMemoryVault(),
    });
    try {
      expect(await cli.api.handlers['files.pickFolder']()).toEqual({ folder: null });
      await expect(cli.api.handlers['files.showInFolder'](path.join(downloads, 'bill.pdf'))).rejects.toThrow(
        /not available/,
      );
    } finally {
      await cli.close();
    }
  });
});
