import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../src/cli/data-dir';
import { runCli } from '../../../src/cli/main';
import { buildClientUpdate, type FetchedClient } from '../../../src/main/cds/clients';
import { initialTodos, matchTodos } from '../../../src/main/cds/registration';
import type { RegistrationFieldModel } from '../../../src/main/cds/registration-fields';
import { clientObjectSchema, type Message } from '../../../src/shared/cds/index';

// Pure parts of the Companion: the §5.5 PUT body, the §3.6 to-dos matched with Messages, the data
// directory per platform, and the CLI's usage handling (no Companion is opened for these).

const ref = { ref: { id: 's1', name: 'Utility' } };

const raw = {
  client_id: 'c1',
  client_id_issued_at: 1,
  scope: 'cds_accounts_1',
  redirect_uris: ['https://u.example/receipt'],
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  client_name: 'Audit Co',
  contacts: ['ops@example.com'],
  authorization_details_types: ['cds_accounts_1'],
  cds_created: '2026-01-01T00:00:00Z',
  cds_modified: '2026-01-01T00:00:00Z',
  cds_client_uri: 'https://u.example/clients/c1',
  cds_status: 'sandbox',
  cds_status_options: ['sandbox', 'disabled'],
  cds_server_metadata: 'https://u.example/clients/c1/metadata',
  cds_default_scope: 'cds_accounts_1',
  cds_default_redirect_uri: 'https://u.example/receipt',
  cds_default_authorization_details: [],
  cds_company_name: 'Audit Co',
};
const current: FetchedClient = { client: clientObjectSchema.parse(raw), raw };

describe('buildClientUpdate (cds-wg1-02 §5.5)', () => {
  it('echoes the whole object with the change applied', () => {
    const body = buildClientUpdate(ref, current, { addRedirectUris: ['http://127.0.0.1:9/cb'], name: 'New' });
    expect(body.redirect_uris).toEqual(['https://u.example/receipt', 'http://127.0.0.1:9/cb']);
    expect(body.client_name).toBe('New');
    expect(body.contacts).toEqual(['ops@example.com']);
    expect(body.cds_company_name).toBe('Audit Co');
    expect(body).not.toHaveProperty('client_secret');
  });

  it('leaves redirect_uris and the default out to reset them to the Server default', () => {
    const body = buildClientUpdate(ref, current, { resetRedirectUris: true });
    expect(body).not.toHaveProperty('redirect_uris');
    expect(body).not.toHaveProperty('cds_default_redirect_uri');
  });

  it('drops a default redirect URI that is removed', () => {
    const body = buildClientUpdate(ref, current, {
      addRedirectUris: ['https://a.example/cb'],
      removeRedirectUris: ['https://u.example/receipt'],
    });
    expect(body.redirect_uris).toEqual(['https://a.example/cb']);
    expect(body).not.toHaveProperty('cds_default_redirect_uri');
  });

  it('refuses statuses outside cds_status_options, fragments and read-only fields', () => {
    expect(() => buildClientUpdate(ref, current, { status: 'production' })).toThrow(/options/);
    expect(() => buildClientUpdate(ref, current, { addRedirectUris: ['https://a.example/cb#x'] })).toThrow(
      /fragment/,
    );
    expect(() => buildClientUpdate(ref, current, { extraFields: { cds_client_uri: 'x' } })).toThrow(
      /cannot be changed/,
    );
    expect(() => buildClientUpdate(ref, current, { removeRedirectUris: ['https://nope.example'] })).toThrow(
      /not registered/,
    );
  });
});

const field = (id: string, type: string): RegistrationFieldModel => ({
  id,
  type,
  kind: 'after-registration',
  fieldName: null,
  format: null,
  baseFormat: null,
  nullable: false,
  required: true,
  hasDefault: false,
  description: `${id} description`,
  documentation: `https://u.example/docs#${id}`,
  scopes: ['program'],
  ...(type === 'payment_required' ? { amount: '250.00', currency: 'USD' } : {}),
});

const message = (id: string, type: string, extra: Partial<Message> = {}): Message => ({
  message_id: id,
  uri: `https://u.example/messages/${id}`,
  previous_uri: null,
  type,
  read: false,
  creator: null,
  created: `2026-01-01T00:00:0${id.length}Z`,
  modified: '2026-01-01T00:00:00Z',
  status: 'open',
  name: `Message ${id}`,
  description: `About ${id}`,
  ...extra,
});

describe('registration to-dos (cds-wg1-02 §3.6)', () => {
  it('matches each requirement with the Message that tracks it and adds unannounced requests', () => {
    const todos = initialTodos([
      field('review', 'internal_review'),
      field('fee', 'payment_required'),
      field('mail', 'email_verification'),
    ]);
    expect(todos.map((todo) => todo.status)).toEqual(['waiting', 'waiting', 'waiting']);
    const messages = [
      message('m1', 'production_request', {
        status: 'pending',
        related_uri: 'https://u.example/clients/c1',
        related_type: 'client',
      }),
      message('m22', 'payment_request', {
        related_uri: 'https://u.example/pay',
        related_type: 'payment_form',
        amount: '250.00',
        currency: 'USD',
      }),
      message('m333', 'online_form_request', {
        related_uri: 'https://u.example/email',
        related_type: 'online_form',
      }),
      message('m4444', 'pdf_form_request', {
        related_uri: 'https://u.example/tax.pdf',
        related_type: 'pdf_form',
      }),
      message('m55555', 'request_update', {
        status: 'complete',
        previous_uri: 'https://u.example/messages/m22',
      }),
    ];
    const matched = matchTodos(todos, messages);
    expect(matched.map((todo) => [todo.kind, todo.messageId, todo.status])).toEqual([
      ['internal_review', 'm1', 'pending'],
      ['payment_required', 'm22', 'complete'],
      ['email_verification', 'm333', 'open'],
      ['pdf_form_request', 'm4444', 'open'],
    ]);
    expect(matched[1]?.link).toEqual({ uri: 'https://u.example/pay', type: 'payment_form' });
  });
});

describe('defaultDataDir', () => {
  it('matches Electron userData for cds-companion', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.config/cds-companion');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/a')).toBe('/x/cds-companion');
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/cds-companion',
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe(
      'C:\\Users\\a\\AppData\\Roaming\\cds-companion',
    );
  });
});

describe('CLI usage handling', () => {
  const capture = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: {} });
    return { code, out, err };
  };

  it('answers --version, --help and usage errors without opening a Companion', async () => {
    expect(await capture(['--version'])).toMatchObject({ code: 0, out: '0.1.0\n' });
    expect((await capture(['--help'])).out).toContain('Global options');
    expect((await capture(['credentials', '--help'])).out).toContain(
      'credentials rotate <server> <client-id>',
    );
    const missing = await capture(['register', 'srv']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--scopes is required');
    expect((await capture(['--data-dir'])).code).toBe(2);
    expect((await capture(['clients'])).code).toBe(2);
  });
});
