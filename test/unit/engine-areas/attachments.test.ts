import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_FLOOR_BYTES,
  AttachmentTooLargeError,
  base64DecodedSize,
  detectMimeType,
  readAttachments,
  saveAttachment,
} from '../../../src/main/cds/attachments';

describe('MIME detection', () => {
  it('trusts magic bytes over the extension', () => {
    expect(detectMimeType('scan.bin', Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(detectMimeType('x', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(detectMimeType('photo.png', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectMimeType('a', Buffer.from('GIF89a'))).toBe('image/gif');
  });
  it('uses the extension, else application/octet-stream (§6.7)', () => {
    expect(detectMimeType('notes.txt', Buffer.from('hello'))).toBe('text/plain');
    expect(detectMimeType('data.csv', Buffer.from('a,b'))).toBe('text/csv');
    expect(detectMimeType('mystery', Buffer.from('zzz'))).toBe('application/octet-stream');
    expect(detectMimeType('mystery.qqqq', Buffer.from('zzz'))).toBe('application/octet-stream');
  });
  it('computes decoded sizes from Base64', () => {
    for (const n of [0, 1, 2, 3, 4, 100])
      expect(base64DecodedSize(Buffer.alloc(n).toString('base64'))).toBe(n);
  });
});

describe('reading and saving attachments', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads files as Base64 with their detected type', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'attach-'));
    await writeFile(path.join(dir, 'letter.pdf'), '%PDF-1.4 body');
    const [prepared] = await readAttachments([path.join(dir, 'letter.pdf')]);
    expect(prepared?.attachment).toEqual({
      filename: 'letter.pdf',
      mime_type: 'application/pdf',
      data: Buffer.from('%PDF-1.4 body').toString('base64'),
    });
  });

  it('refuses more than 10 MB in total before reading anything', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'attach-'));
    await writeFile(path.join(dir, 'a.bin'), Buffer.alloc(ATTACHMENT_FLOOR_BYTES - 10));
    await writeFile(path.join(dir, 'b.bin'), Buffer.alloc(11));
    await expect(readAttachments([path.join(dir, 'a.bin'), path.join(dir, 'b.bin')])).rejects.toBeInstanceOf(
      AttachmentTooLargeError,
    );
    await expect(readAttachments([path.join(dir, 'a.bin')])).resolves.toHaveLength(1);
  });

  it('saves under a safe, unused name', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'attach-'));
    await writeFile(path.join(dir, 'x.txt'), 'mine');
    const saved = await saveAttachment(
      { filename: '../../x.txt', mime_type: 'text/plain', data: Buffer.from('theirs').toString('base64') },
      dir,
    );
    expect(saved).toEqual({ path: path.join(dir, 'x (1).txt'), size: 6 });
  });
});
