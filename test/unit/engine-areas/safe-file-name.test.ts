import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_NAME_BYTES,
  numberedName,
  publishFile,
  safeFileName,
  writeNewFile,
} from '../../../src/main/cds/safe-file-name';

describe('safeFileName', () => {
  it('keeps only the base name, whatever the separator', () => {
    expect(safeFileName('../../x')).toBe('x');
    expect(safeFileName('..\\..\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('C:\\x')).toBe('x');
    expect(safeFileName('/etc/passwd')).toBe('passwd');
    expect(safeFileName('report.pdf')).toBe('report.pdf');
  });

  it('never names a Windows device, with or without extension', () => {
    expect(safeFileName('CON')).toBe('_CON');
    expect(safeFileName('NUL.txt')).toBe('_NUL.txt');
    expect(safeFileName('com1.log')).toBe('_com1.log');
    expect(safeFileName('lpt9')).toBe('_lpt9');
    expect(safeFileName('console.txt')).toBe('console.txt');
  });

  it('removes control and bidi characters and replaces reserved ones', () => {
    expect(safeFileName('a\u0000b\nc\u007f.txt')).toBe('abc.txt');
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeFileName('a<b>c:d"e|f?g*h.txt')).toBe('a_b_c_d_e_f_g_h.txt');
  });

  it('falls back for empty, dot-only and hidden names', () => {
    expect(safeFileName('')).toBe('download');
    expect(safeFileName('..')).toBe('download');
    expect(safeFileName('.')).toBe('download');
    expect(safeFileName('   ')).toBe('download');
    expect(safeFileName('a/b/', 'file-1')).toBe('file-1');
    expect(safeFileName('.bashrc')).toBe('bashrc');
    expect(safeFileName('name. . ')).toBe('name');
  });

  it('shortens very long names, keeping the extension and whole characters', () => {
    const long = `${'é'.repeat(300)}.pdf`;
    const safe = safeFileName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    expect(Buffer.byteLength(safeFileName('x'.repeat(5000)))).toBe(MAX_NAME_BYTES);
  });

  it('numbers copies before the extension', () => {
    expect(numberedName('a.pdf', 0)).toBe('a.pdf');
    expect(numberedName('a.pdf', 2)).toBe('a (2).pdf');
    expect(numberedName('README', 1)).toBe('README (1)');
  });
});

describe('writing without overwriting', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('adds (1), (2) instead of replacing an existing file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safe-name-'));
    await writeFile(path.join(dir, 'a.txt'), 'original');
    const first = await writeNewFile(dir, '../a.txt', Buffer.from('one'));
    const second = await writeNewFile(dir, 'a.txt', Buffer.from('two'));
    expect(path.basename(first)).toBe('a (1).txt');
    expect(path.basename(second)).toBe('a (2).txt');
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('original');
    expect(path.dirname(first)).toBe(dir);
  });

  it('publishes a temporary file under a free name and removes the temporary name', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safe-name-'));
    await writeFile(path.join(dir, 'data.csv'), 'keep');
    const temp = path.join(dir, '.tmp.part');
    await writeFile(temp, 'new');
    const final = await publishFile(temp, dir, 'data.csv');
    expect(path.basename(final)).toBe('data (1).csv');
    expect(await readFile(final, 'utf8')).toBe('new');
    await expect(readFile(temp)).rejects.toThrow();
    expect(await readFile(path.join(dir, 'data.csv'), 'utf8')).toBe('keep');
  });
});
