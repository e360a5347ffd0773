import { afterEach, describe, expect, it } from 'vitest';
import { AuthorizationDialog } from '../../src/renderer/src/views/server/authorization-dialog';
import { buildDetails, initialInputs } from '../../src/renderer/src/views/server/authorization-values';
import { DETAIL_FIELD_KINDS } from '../../src/shared/cds/authorization-details-form';
import type {
  AuthorizationFlowView,
  AuthorizationForm,
  AuthorizationView,
  DetailFieldView,
} from '../../src/shared/ipc/authorization-contract';
import type { ScopeView } from '../../src/shared/ipc/servers-contract';
import { bodyText, byText, inputByLabel, withApp } from './customer-data-providers';
import { buttonByName, flush, press, type Rendered, render, typeInto } from './render';

const field = (
  id: string,
  kind: DetailFieldView['kind'],
  extra: Partial<DetailFieldView> = {},
): DetailFieldView => ({
  id,
  name: id.replace(/_/g, ' '),
  description: `About ${id}.`,
  documentation: '',
  format: kind,
  kind,
  required: false,
  choices: [],
  hint: '',
  ...extra,
});

// Every format of cds-wg1-02 §3.9 once.
const form: AuthorizationForm = {
  serverId: 'srv-1',
  scopeId: 'cds_accounts_1',
  scopeName: 'Account List',
  type: 'cds_accounts_1',
  timezone: 'America/Chicago',
  fields: [
    field('max_accounts', 'int', { default: 25, hint: 'a whole number from 1 to 100' }),
    field('min_balance', 'decimal', { default: '0.00' }),
    field('purpose', 'string', { required: true }),
    field('nickname', 'string_or_null', { default: null }),
    field('account_numbers', 'string_list', { default: ['A-1', 'A-2'] }),
    field('merge', 'boolean', { default: true }),
    field('sync_until', 'relative_or_absolute_date', {
      default: 'P1Y',
      hint: 'a date or a duration from P0D to P3Y',
    }),
    field('expires', 'relative_or_absolute_datetime'),
    field('selection', 'choice', {
      default: 'account_selection',
      choices: [
        { id: 'account_selection', name: 'Account selection', description: '' },
        { id: 'all', name: 'Everything', description: '' },
      ],
    }),
    field('extension', 'unsupported'),
    field('jwk', 'jwk_or_null', { default: null }),
  ],
  jwkFieldId: 'jwk',
  clientId: 'client-code',
  usesPar: true,
};

describe('authorization details values', () => {
  it('start from the Server’s defaults and leave the device-key field to the lock choice', () => {
    const inputs = initialInputs(form);
    expect(inputs).toEqual({
      max_accounts: '25',
      min_balance: '0.00',
      purpose: '',
      nickname: null,
      account_numbers: 'A-1, A-2',
      merge: true,
      sync_until: 'P1Y',
      expires: '',
      selection: 'account_selection',
      extension: '',
    });
    expect('jwk' in inputs).toBe(false);
  });

  it('build typed details: ints as numbers, decimals as text, lists split, empty optional fields left out', () => {
    const built = buildDetails(form, {
      ...initialInputs(form),
      purpose: 'energy audit',
      account_numbers: 'A-1,  B-2 ,',
      extension: '{"a":1}',
    });
    expect(built).toEqual({
      ok: true,
      details: {
        max_accounts: 25,
        min_balance: '0.00',
        purpose: 'energy audit',
        nickname: null,
        account_numbers: ['A-1', 'B-2'],
        merge: true,
        sync_until: 'P1Y',
        selection: 'account_selection',
        extension: { a: 1 },
      },
    });
  });

  it('name each problem: required, not a whole number, not a decimal, not JSON, not a choice', () => {
    const built = buildDetails(form, {
      ...initialInputs(form),
      max_accounts: '2.5',
      min_balance: '1,5',
      extension: '{',
      selection: 'nope',
    });
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems).toEqual({
      max_accounts: 'max accounts must be a whole number.',
      min_balance: 'min balance must be a number such as 12.50.',
      purpose: 'purpose is required.',
      extension: 'extension must be JSON.',
      selection: 'Choose one of the options for selection.',
    });
  });
});

const scope = { id: 'cds_accounts_1', name: 'Account List', kind: 'customerData' } as ScopeView;

const flowView = (path: 'loopback' | 'receipt'): AuthorizationFlowView => ({
  flowId: `flow-${path}`,
  serverId: 'srv-1',
  path,
  url: 'http://127.0.0.1:7400/oauth/authorize?client_id=c&request_uri=urn:x',
  redirectUri:
    path === 'loopback' ? 'http://127.0.0.1:5555/cds/srv-1/callback' : 'http://127.0.0.1:7400/receipt',
  usedPar: true,
  clientId: 'client-code',
  scopeId: 'cds_accounts_1',
  grantId: null,
  kid: 'kid-abcdefghijklmnop',
  startedAt: '2025-09-01T12:00:00Z',
  expiresAt: '2025-09-01T12:05:00Z',
});

const authorization: AuthorizationView = {
  serverId: 'srv-1',
  grantId: 'grant-77',
  clientId: 'client-code',
  scopeId: 'cds_accounts_1',
  path: 'loopback',
  access: 'user-token',
  kid: 'kid-abcdefghijklmnop',
  authorizedAt: '2025-09-01T12:01:00Z',
  status: 'active',
  grant: {},
};

let view: Rendered | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  stop = null;
  await view?.unmount();
  view = null;
});

async function openDialog(
  handlers: Parameters<typeof withApp>[0],
  onAuthorized: (a: AuthorizationView) => void = () => undefined,
) {
  const app = withApp({ 'authorization.form': async () => form, ...handlers });
  stop = app.unsubscribe;
  view = await render(
    app.wrap(
      <AuthorizationDialog
        serverId="srv-1"
        serverName="Sandbox Grid Utility"
        scopes={[scope]}
        isOpen
        onOpenChange={() => undefined}
        onAuthorized={onAuthorized}
      />,
    ),
  );
  await flush();
  return app;
}

describe('<AuthorizationDialog>', () => {
  it('renders a control for every field format, and the device-key lock instead of the jwk field', async () => {
    await openDialog({});
    const kinds = [...document.querySelectorAll('[data-field-kind]')].map((element) =>
      element.getAttribute('data-field-kind'),
    );
    // Every kind in its order, the jwk field excepted (the device-key lock stands in for it).
    expect(kinds).toEqual(DETAIL_FIELD_KINDS.filter((kind) => kind !== 'jwk_or_null'));
    expect(inputByLabel('max accounts (optional)')?.value).toBe('25');
    expect(inputByLabel('purpose')).not.toBeNull();
    expect(bodyText()).toContain('Enter a whole number from 1 to 100.');
    expect(bodyText()).toContain('Read in the Server’s time zone (America/Chicago)');
    expect(bodyText()).toContain('Lock the data for this computer (recommended)');
    expect(bodyText()).toContain('the key that opens it never leaves this computer');
    expect(document.querySelectorAll('input[type=radio]').length).toBe(4);
  });

  it('checks the form before anything is sent', async () => {
    const app = await openDialog({ 'authorization.begin': async () => flowView('loopback') });
    await press(buttonByName(document.body, 'Open the sign-in page'));
    await flush();
    expect(app.calls.some((call) => call.method === 'authorization.begin')).toBe(false);
    expect(bodyText()).toContain('purpose is required.');
  });

  it('loopback: starts with the typed details and the device key, waits, and shows the Grant', async () => {
    let finish: (value: AuthorizationView) => void = () => undefined;
    const authorized: AuthorizationView[] = [];
    const app = await openDialog(
      {
        'authorization.begin': async () => flowView('loopback'),
        'authorization.complete': () => new Promise((resolve) => (finish = resolve)),
      },
      (value) => authorized.push(value),
    );
    await typeInto(inputByLabel('purpose'), 'energy audit');
    await press(buttonByName(document.body, 'Open the sign-in page'));
    await flush();
    const begin = app.calls.find((call) => call.method === 'authorization.begin');
    expect(begin?.args).toEqual([
      'srv-1',
      {
        scopeId: 'cds_accounts_1',
        encrypt: true,
        path: 'loopback',
        details: expect.objectContaining({ purpose: 'energy audit', max_accounts: 25, min_balance: '0.00' }),
      },
    ]);
    expect(bodyText()).toContain('Continue in the browser');
    expect(bodyText()).toContain('comes back here on its own');
    expect(document.querySelector('a[href^="http://127.0.0.1:7400/oauth/authorize"]')).not.toBeNull();

    finish(authorization);
    await flush();
    expect(bodyText()).toContain('Access authorized');
    expect(bodyText()).toContain('grant-77');
    expect(bodyText()).toContain('locked for this computer');
    expect(authorized).toEqual([authorization]);
    expect(byText('The customer authorized access on Sandbox Grid Utility')).not.toBeNull();
  });

  it('receipt: asks for the confirmation code from the Server’s page', async () => {
    const app = await openDialog({
      'authorization.begin': async () => flowView('receipt'),
      'authorization.complete': async () => ({ ...authorization, path: 'receipt', access: 'grant-admin' }),
    });
    await typeInto(inputByLabel('purpose'), 'audit');
    const receipt = [...document.querySelectorAll('input[type=radio]')].find((radio) =>
      radio.closest('label')?.textContent?.includes('confirmation code'),
    );
    await press(receipt ?? null);
    await press(buttonByName(document.body, 'Open the sign-in page'));
    await flush();
    expect(bodyText()).toContain('enter it below');
    await typeInto(inputByLabel('Confirmation code'), ' RC-1234 ');
    await press(buttonByName(document.body, 'Confirm'));
    await flush();
    const complete = app.calls.find((call) => call.method === 'authorization.complete');
    expect(complete?.args).toEqual(['srv-1', 'flow-receipt', { confirmation: 'RC-1234' }]);
    expect(bodyText()).toContain('Access authorized');
  });

  it('shows why a start failed, with the Server and step, and stops a waiting flow', async () => {
    let attempts = 0;
    const app = await openDialog({
      'authorization.begin': async () => {
        attempts += 1;
        if (attempts === 1) {
          throw Object.assign(new Error('Maximum accounts must be from 1 to 100'), {
            server: 'Sandbox Grid Utility',
            step: 'starting the authorization',
          });
        }
        return flowView('receipt');
      },
      'authorization.cancel': async () => ({ cancelled: true }),
    });
    await typeInto(inputByLabel('purpose'), 'audit');
    await press(buttonByName(document.body, 'Open the sign-in page'));
    await flush();
    expect(bodyText()).toContain('The authorization could not start');
    expect(bodyText()).toContain('Maximum accounts must be from 1 to 100');
    expect(bodyText()).toContain('starting the authorization');

    await press(buttonByName(document.body, 'Open the sign-in page'));
    await flush();
    await press(buttonByName(document.body, 'Stop waiting'));
    await flush();
    expect(app.calls.find((call) => call.method === 'authorization.cancel')?.args).toEqual([
      'srv-1',
      'flow-receipt',
    ]);
    expect(buttonByName(document.body, 'Open the sign-in page')).not.toBeNull();
  });
});
