import { describe, expect, it } from 'vitest';
import {
  bytesToBase64,
  checkDetails,
  checkFieldValue,
  readChosenFile,
  sniffFileType,
  toRegistrationInput,
} from '../../src/renderer/src/views/server/registration-values';
import type { RegistrationFieldView } from '../../src/shared/ipc/servers-contract';

const field = (format: string, extra: Partial<RegistrationFieldView> = {}): RegistrationFieldView => ({
  id: `f_${format}`,
  type: 'registration_field',
  kind: 'input',
  fieldName: `cds_${format}`,
  format,
  required: true,
  nullable: format.endsWith('_or_null'),
  supported: true,
  description: '',
  documentation: '',
  maxLength: null,
  maxSize: null,
  amount: null,
  currency: null,
  scopes: ['s'],
  ...extra,
});

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);

describe('registration values (the same rules as registration.validate)', () => {
  it('checks text, email, url and length by code points', () => {
    expect(checkFieldValue(field('string'), '')).toBe('This field is required.');
    expect(checkFieldValue(field('string', { maxLength: 3 }), '😀😀😀')).toBeNull();
    expect(checkFieldValue(field('string', { maxLength: 2 }), '😀😀😀')).toContain('at most 2');
    expect(checkFieldValue(field('email'), 'not-an-email')).toContain('email address');
    expect(checkFieldValue(field('email'), 'ops@grid.example')).toBeNull();
    expect(checkFieldValue(field('url'), 'ftp://grid.example')).toContain('web address');
    expect(checkFieldValue(field('url'), 'https://grid.example')).toBeNull();
  });

  it('accepts null only for _or_null formats, and yes/no for booleans', () => {
    expect(checkFieldValue(field('boolean'), null)).toBe('This field is required.');
    expect(checkFieldValue(field('boolean_or_null'), null)).toBeNull();
    expect(checkFieldValue(field('boolean'), false)).toBeNull();
    expect(checkFieldValue(field('string', { required: false }), '')).toBeNull();
  });

  it('checks files by their bytes and the size limit', () => {
    const png = { name: 'a.png', size: 10, type: 'image/png' as const, base64: 'x' };
    expect(checkFieldValue(field('image'), png)).toBeNull();
    expect(checkFieldValue(field('pdf'), png)).toBe('Choose a PDF file.');
    expect(checkFieldValue(field('image', { maxSize: 5 }), png)).toContain('at most 5 bytes');
    expect(sniffFileType(pngBytes)).toBe('image/png');
    expect(sniffFileType(new TextEncoder().encode('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffFileType(new Uint8Array([1, 2, 3]))).toBe('other');
  });

  it('refuses an oversized file before reading it, and reads a small one into Base64', async () => {
    let read = false;
    const big = {
      name: 'big.pdf',
      size: 2000,
      arrayBuffer: async () => {
        read = true;
        return new ArrayBuffer(0);
      },
    };
    expect(await readChosenFile(big, 1000)).toEqual({
      ok: false,
      reason: 'big.pdf is 2 KB; the limit is 1000 bytes.',
    });
    expect(read).toBe(false);
    const small = {
      name: 'logo.png',
      size: pngBytes.length,
      arrayBuffer: async () => pngBytes.slice().buffer,
    };
    const outcome = await readChosenFile(small, 1000);
    expect(outcome).toEqual({
      ok: true,
      file: { name: 'logo.png', size: 10, type: 'image/png', base64: bytesToBase64(pngBytes) },
    });
  });

  it('checks purposes (cds-wg3-01 §5.1) and turns them into registration objects', () => {
    const purposes = field('purposes');
    expect(checkFieldValue(purposes, [])).toBe('Add at least one purpose.');
    const billing = {
      name: 'Billing',
      content: 'Bill customers',
      relatedUri: 'https://x.example',
      relatedName: '',
    };
    const draft = [billing];
    expect(checkFieldValue(purposes, draft)).toContain('name for its related link');
    const input = toRegistrationInput(
      ['s'],
      { clientName: ' Ada ', contacts: 'a@x.example, b@x.example' },
      [purposes, field('image'), field('string', { required: false })],
      {
        f_purposes: [{ ...billing, relatedName: 'More' }],
        f_image: { name: 'a.png', size: 1, type: 'image/png', base64: 'iVBO' },
        f_string: '',
      },
    );
    expect(input).toEqual({
      scopes: ['s'],
      clientName: 'Ada',
      contacts: ['a@x.example', 'b@x.example'],
      values: {
        f_purposes: [
          {
            id: '',
            name: 'Billing',
            content: 'Bill customers',
            related_uri: 'https://x.example',
            related_name: 'More',
            scopes_supported: [],
          },
        ],
        f_image: { base64: 'iVBO' },
      },
    });
  });

  it('requires a client name and well-formed contacts', () => {
    expect(checkDetails({ clientName: '', contacts: '' })).toEqual({
      clientName: 'Enter the name customers and the Server will see.',
    });
    expect(checkDetails({ clientName: 'Ada', contacts: 'ops@x.example, nope' })).toEqual({
      contacts: '"nope" is not an email address.',
    });
  });
});
