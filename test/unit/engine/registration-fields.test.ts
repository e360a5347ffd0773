import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildRegistrationFields,
  decodeBase64Strict,
  isValidEmail,
  isValidWebUrl,
  type RegistrationFieldModel,
  sniffFileKind,
  validateRegistrationValues,
} from '../../../src/main/cds/registration-fields';
import { authorizationServerMetadataSchema, parseCds } from '../../../src/shared/cds/index';
import { specFixture } from './support/spec-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'cds-regfields-'));
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 1),
]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 2)]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 3)]);
const file = (name: string, content: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const pngPath = file('logo.png', png);
const jpegPath = file('logo.jpg', jpeg);
const pdfPath = file('form.pdf', pdf);
const fakePngPath = file('fake.png', Buffer.from('GIF89a not really a png at all'));

const field = (format: string, extra: Partial<RegistrationFieldModel> = {}): RegistrationFieldModel => ({
  id: `f_${format}`,
  type: 'registration_field',
  kind: 'input',
  fieldName: `cds_${format}`,
  format,
  baseFormat: format.replace(/_or_null$/, '') as RegistrationFieldModel['baseFormat'],
  nullable: format.endsWith('_or_null'),
  required: true,
  hasDefault: false,
  description: format,
  documentation: 'https://example.com/docs',
  scopes: ['s'],
  ...extra,
});

const check = async (f: RegistrationFieldModel, value: unknown) => {
  const result = await validateRegistrationValues([f], { [f.id]: value as never });
  return { error: result.errors[0]?.message, value: result.payload[f.fieldName ?? ''], result };
};

describe('buildRegistrationFields', () => {
  it('collects the selected scopes’ required and optional fields from the metadata', () => {
    const metadata = parseCds(
      authorizationServerMetadataSchema,
      specFixture('wg1-02-12.2-authorization-server-metadata', 'https://example.com'),
      'metadata',
    );
    const withCustom = buildRegistrationFields(metadata, ['cds_client_admin', 'example_custom']);
    expect(withCustom.map((f) => [f.id, f.fieldName, f.format, f.required, f.kind])).toEqual([
      ['company_name', 'cds_company_name', 'string', true, 'input'],
    ]);
    expect(buildRegistrationFields(metadata, ['cds_client_admin'])).toEqual([]);
  });

  it('treats a field with a default as optional and post-registration types as information', () => {
    const metadata = {
      cds_scope_descriptions: {
        a: { registration_requirements: ['logo', 'review', 'pay'], registration_optional: ['site'] },
      },
      cds_registration_fields: {
        logo: {
          id: 'logo',
          type: 'registration_field',
          description: 'Logo',
          documentation: 'https://d',
          field_name: 'cds_logo',
          format: 'image_or_null',
          default: null,
          max_size: 1000,
        },
        site: {
          id: 'site',
          type: 'registration_field',
          description: 'Site',
          documentation: 'https://d',
          field_name: 'cds_site',
          format: 'url',
          default: 'https://x',
          max_length: 50,
        },
        review: { id: 'review', type: 'internal_review', description: 'Review', documentation: 'https://d' },
        pay: {
          id: 'pay',
          type: 'payment_required',
          description: 'Pay',
          documentation: 'https://d',
          amount: '10.00',
          currency: 'USD',
        },
      },
    } as unknown as Parameters<typeof buildRegistrationFields>[0];
    const fields = buildRegistrationFields(metadata, ['a']);
    const byId = Object.fromEntries(fields.map((f) => [f.id, f]));
    expect(byId.logo).toMatchObject({
      required: false,
      hasDefault: true,
      nullable: true,
      baseFormat: 'image',
      maxSize: 1000,
    });
    expect(byId.site).toMatchObject({ required: false, maxLength: 50, scopes: ['a'] });
    expect(byId.review?.kind).toBe('after-registration');
    expect(byId.pay).toMatchObject({ kind: 'after-registration', amount: '10.00', currency: 'USD' });
  });
});

describe('validateRegistrationValues: the twelve formats of cds-wg1-02 §3.7', () => {
  it('string and string_or_null, with max_length in characters', async () => {
    expect((await check(field('string', { maxLength: 5 }), 'héllo')).value).toBe('héllo');
    expect((await check(field('string', { maxLength: 5 }), 'héllo!')).error).toMatch(/at most 5 characters/);
    expect((await check(field('string'), '')).error).toBe('This field is required.');
    expect((await check(field('string'), null)).error).toBe('This field is required.');
    expect((await check(field('string'), 42)).error).toBe('Enter text.');
    expect((await check(field('string_or_null'), null)).result.payload).toEqual({ cds_string_or_null: null });
    expect((await check(field('string_or_null', { maxLength: 2 }), 'abc')).error).toMatch(/at most 2/);
  });

  it('url and url_or_null', async () => {
    expect((await check(field('url'), 'https://example.com/about')).value).toBe('https://example.com/about');
    for (const bad of [
      'example.com',
      'javascript:alert(1)',
      'ftp://x.org',
      'https://',
      'https://exa mple.com',
    ]) {
      expect((await check(field('url'), bad)).error).toMatch(/full web address/);
    }
    expect((await check(field('url', { maxLength: 10 }), 'https://example.com')).error).toMatch(/at most 10/);
    expect((await check(field('url_or_null'), null)).result.valid).toBe(true);
    expect((await check(field('url_or_null'), 'nope')).error).toMatch(/full web address/);
  });

  it('email and email_or_null', async () => {
    expect((await check(field('email'), 'ops@utility.example')).value).toBe('ops@utility.example');
    for (const bad of ['ops', 'ops@', '@x.com', 'a b@x.com', 'a..b@x.com', 'a@x', 'a@x.123']) {
      expect((await check(field('email'), bad)).error, bad).toMatch(/email address/);
    }
    expect((await check(field('email', { maxLength: 8 }), 'ab@cd.example')).error).toMatch(/at most 8/);
    expect((await check(field('email_or_null'), null)).result.valid).toBe(true);
  });

  it('boolean and boolean_or_null', async () => {
    expect((await check(field('boolean'), false)).result.payload).toEqual({ cds_boolean: false });
    expect((await check(field('boolean'), 'yes')).error).toBe('Choose yes or no.');
    expect((await check(field('boolean'), null)).error).toBe('This field is required.');
    expect((await check(field('boolean_or_null'), null)).result.payload).toEqual({
      cds_boolean_or_null: null,
    });
  });

  it('image and image_or_null: PNG or JPEG by magic bytes, max_size before Base64', async () => {
    expect((await check(field('image'), { path: pngPath })).value).toBe(png.toString('base64'));
    expect((await check(field('image'), { path: jpegPath })).value).toBe(jpeg.toString('base64'));
    expect((await check(field('image'), { path: fakePngPath })).error).toBe('Choose a PNG or JPEG image.');
    expect((await check(field('image'), { path: pdfPath })).error).toBe('Choose a PNG or JPEG image.');
    expect((await check(field('image', { maxSize: 50 }), { path: pngPath })).error).toBe(
      'The file must be at most 50 bytes.',
    );
    expect((await check(field('image', { maxSize: png.length }), { path: pngPath })).result.valid).toBe(true);
    expect((await check(field('image'), { path: join(dir, 'missing.png') })).error).toBe(
      'The chosen file could not be read.',
    );
    expect((await check(field('image'), { base64: png.toString('base64') })).value).toBe(
      png.toString('base64'),
    );
    expect((await check(field('image'), { base64: 'not base64!' })).error).toBe(
      'The file content is not valid Base64.',
    );
    expect((await check(field('image'), 'just text')).error).toBe('Choose a file.');
    expect((await check(field('image_or_null'), null)).result.payload).toEqual({ cds_image_or_null: null });
  });

  it('pdf and pdf_or_null', async () => {
    expect((await check(field('pdf'), { path: pdfPath })).value).toBe(pdf.toString('base64'));
    expect((await check(field('pdf'), { path: pngPath })).error).toBe('Choose a PDF file.');
    expect((await check(field('pdf', { maxSize: 10 }), { base64: pdf.toString('base64') })).error).toMatch(
      /at most 10 bytes/,
    );
    expect((await check(field('pdf'), { path: dir })).error).toBe('The chosen file could not be read.');
    expect((await check(field('pdf_or_null'), null)).result.valid).toBe(true);
  });
});

describe('validateRegistrationValues: the rest', () => {
  it('purposes (cds-wg3-01 §5.1)', async () => {
    const good = { id: '', name: 'Audit', content: 'We audit.', related_uri: null, scopes_supported: [] };
    expect((await check(field('purposes'), [good])).value).toEqual([good]);
    expect((await check(field('purposes'), [])).error).toBe('Add at least one purpose.');
    expect((await check(field('purposes'), [{ ...good, id: 'p1' }])).error).toMatch(/empty "id"/);
    expect((await check(field('purposes'), [{ ...good, related_uri: 'https://x.org/tos' }])).error).toMatch(
      /one-line name/,
    );
    expect((await check(field('purposes_or_null'), null)).result.valid).toBe(true);
  });

  it('omits optional fields left empty, refuses unknown fields and unknown formats', async () => {
    const optional = field('string', { required: false, hasDefault: true, defaultValue: 'x' });
    const result = await validateRegistrationValues([optional], { extra: 'x' });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      { fieldId: 'extra', fieldName: null, message: 'This is not a field of this registration.' },
    ]);
    const ok = await validateRegistrationValues([optional], {});
    expect(ok).toEqual({ valid: true, errors: [], payload: {} });
    const odd = field('colour', { baseFormat: null });
    expect((await check(odd, '#fff')).error).toMatch(/cannot fill in fields of the format "colour"/);
  });

  it('reports every failing field at once and returns no payload', async () => {
    const result = await validateRegistrationValues([field('email'), field('url'), field('boolean')], {
      f_email: 'x',
      f_url: 'https://ok.example',
      f_boolean: 'no',
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.fieldId)).toEqual(['f_email', 'f_boolean']);
    expect(result.payload).toEqual({});
  });

  it('has strict helpers', () => {
    expect(isValidEmail('a.b+c@sub.example.org')).toBe(true);
    expect(isValidWebUrl(' https://x.org')).toBe(false);
    expect(decodeBase64Strict('YWJj')?.toString()).toBe('abc');
    expect(decodeBase64Strict('YWJ')).toBeNull();
    expect(sniffFileKind(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffFileKind(Buffer.from('hello'))).toBeNull();
  });
});
