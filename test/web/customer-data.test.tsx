import { afterEach, describe, expect, it } from 'vitest';
import { isDecryptionFailure } from '../../src/renderer/src/views/server/customer-data-decryption';
import { CustomerDataSection } from '../../src/renderer/src/views/server/customer-data-section';
import type { AuthorizationView } from '../../src/shared/ipc/authorization-contract';
import type { AccountsView } from '../../src/shared/ipc/data-contract';
import type { DeviceKeys, DeviceKeyView } from '../../src/shared/ipc/keys-contract';
import type { ServerOverview, ServerSummary } from '../../src/shared/ipc/servers-contract';
import { bodyText, type Handlers, inputByLabel, withApp } from './customer-data-providers';
import { buttonByName, flush, press, type Rendered, render, typeInto } from './render';

const server = { id: 'srv-1', name: 'Sandbox Grid Utility' } as ServerSummary;
const customerScope = {
  id: 'cds_accounts_1',
  name: 'Account List',
  kind: 'customerData',
  userAuthorization: true,
} as ServerOverview['scopes'][number];
const overview = (registered: boolean): ServerOverview =>
  ({
    id: 'srv-1',
    name: 'Sandbox Grid Utility',
    scopes: [customerScope],
    registration: registered
      ? {
          adminClientId: 'a',
          registeredAt: '2025-09-01T00:00:00Z',
          scopes: ['cds_accounts_1'],
          clientName: 'Ada',
          todos: [],
        }
      : null,
  }) as unknown as ServerOverview;

const kid = 'Zk3bqLQ8n5-9Xc2fYp0uQ1rT7vWz4aBcDeFgHiJkLmN';
const key = (extra: Partial<DeviceKeyView> = {}): DeviceKeyView => ({
  kid,
  publicJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', use: 'enc', alg: 'ECDH-ES', kid },
  createdAt: '2025-09-01T10:00:00Z',
  retiredAt: null,
  current: true,
  grantIds: ['grant-1'],
  ...extra,
});
const keys: DeviceKeys = { serverId: 'srv-1', current: key(), keys: [key()] };

const authorization: AuthorizationView = {
  serverId: 'srv-1',
  grantId: 'grant-1',
  clientId: 'client-code',
  scopeId: 'cds_accounts_1',
  path: 'loopback',
  access: 'user-token',
  kid,
  authorizedAt: '2025-09-01T12:00:00Z',
  status: 'active',
  grant: {},
};

const account = (n: number) => ({
  cds_account_id: `acct-${n}`,
  account_number: `2000-0001-${String(n).padStart(2, '0')}`,
  account_name: `OKAFOR BAKERY ${n}`,
  account_address: `${n} Main St\nRiverton, XX 55401`,
  account_status: 'active',
  account_types: ['customer', 'commercial'],
  cds_account_parent: null,
});

const accounts = (count: number, encrypted = true): AccountsView => ({
  serverId: 'srv-1',
  grantId: 'grant-1',
  access: 'user-token',
  accounts: Array.from({ length: count }, (_, i) => account(i + 1)),
  pages: [
    {
      url: 'https://utility.example/cds-api/v1/accounts',
      status: 200,
      encrypted,
      kid: encrypted ? kid : null,
      headers: { 'Content-Type': 'application/json', 'X-Log-ID': 'log-abc-123' },
    },
  ],
  encrypted,
  protection: encrypted
    ? `Decrypted on this device with key ${kid}.`
    : 'Sent over HTTPS without device encryption (the authorization did not ask for it).',
  kid: encrypted ? kid : null,
});

let view: Rendered | null = null;
let stop: (() => void) | null = null;
afterEach(async () => {
  stop?.();
  stop = null;
  await view?.unmount();
  view = null;
});

async function show(handlers: Handlers, registered = true) {
  const app = withApp({
    'keys.show': async () => keys,
    'authorization.list': async () => [authorization],
    ...handlers,
  });
  stop = app.unsubscribe;
  view = await render(
    app.wrap(
      <CustomerDataSection
        server={server}
        overview={overview(registered)}
        reloadOverview={() => undefined}
        availableSections={['overview', 'registration', 'customer-data']}
      />,
    ),
  );
  await flush();
  await flush();
  return app;
}

describe('<CustomerDataSection>', () => {
  it('says to register first when the registration has no customer data scope', async () => {
    const app = await show({}, false);
    expect(bodyText()).toContain('Register for customer data first');
    expect(buttonByName(document.body, 'Go to Registration')).not.toBeNull();
    expect(app.calls).toEqual([]);
  });

  it('explains the device key in plain words and shows only its public id', async () => {
    await show({ 'data.accounts': async () => accounts(2) });
    const text = bodyText();
    expect(text).toContain('This computer’s device key');
    expect(text).toContain('only this computer can unlock it');
    expect(text).toContain('never sent anywhere');
    expect(text).toContain(kid.slice(0, 12));
    expect(text).toContain('1 authorization');
  });

  it('shows the accounts decrypted on this device, the decrypted headers and the raw JSON', async () => {
    const app = await show({ 'data.accounts': async () => accounts(2) });
    expect(app.calls.find((call) => call.method === 'data.accounts')?.args).toEqual([
      'srv-1',
      { grantId: 'grant-1' },
    ]);
    const mark = document.querySelector('.protection');
    expect(mark?.getAttribute('data-encrypted')).toBe('true');
    expect(mark?.textContent).toContain('Decrypted on this device');
    expect(bodyText()).toContain('Showing 1–2 of 2 accounts');
    expect(document.querySelectorAll('tr[data-account-id]')).toHaveLength(2);
    expect(bodyText()).toContain('OKAFOR BAKERY 1');
    expect(bodyText()).toContain('1 Main St, Riverton, XX 55401');
    expect(bodyText()).toContain('X-Log-ID');
    expect(bodyText()).toContain('log-abc-123');
    expect(bodyText()).toContain('headers decrypted here');

    const raw = [...document.querySelectorAll('label')].find((label) =>
      label.textContent?.includes('Show raw JSON'),
    );
    await press(raw?.querySelector('input') ?? null);
    const json = document.querySelector('section[aria-label="Accounts as JSON"] pre')?.textContent ?? '';
    expect(JSON.parse(json)).toEqual([account(1), account(2)]);
    expect(document.querySelectorAll('tr[data-account-id]')).toHaveLength(0);
  });

  it('says plainly when the data was not locked for this device', async () => {
    await show({ 'data.accounts': async () => accounts(1, false) });
    const mark = document.querySelector('.protection');
    expect(mark?.getAttribute('data-encrypted')).toBe('false');
    expect(mark?.textContent).toContain('Not locked for this device');
    expect(mark?.textContent).toContain('without device encryption');
  });

  it('pages through many accounts and searches on the Server', async () => {
    const app = await show({
      'data.accounts': async (_server, query) =>
        (query as { q?: string }).q === 'bakery 3'
          ? { ...accounts(1), accounts: [account(3)] }
          : accounts(23),
    });
    expect(bodyText()).toContain('Showing 1–10 of 23 accounts');
    expect(bodyText()).toContain('Page 1 of 3');
    await press(buttonByName(document.body, 'Next'));
    expect(bodyText()).toContain('Showing 11–20 of 23 accounts');
    await press(buttonByName(document.body, 'Next'));
    expect(bodyText()).toContain('Showing 21–23 of 23 accounts');
    expect(buttonByName(document.body, 'Next')?.disabled).toBe(true);

    await typeInto(inputByLabel('Search accounts'), 'bakery 3');
    await press(buttonByName(document.body, 'Search'));
    await flush();
    expect(app.calls.filter((call) => call.method === 'data.accounts').at(-1)?.args).toEqual([
      'srv-1',
      { grantId: 'grant-1', q: 'bakery 3' },
    ]);
    expect(bodyText()).toContain('Showing 1–1 of 1 account matching “bakery 3”');
  });

  it('gives a clear message when decryption fails, and nothing of the data', async () => {
    await show({
      'data.accounts': async () => {
        throw Object.assign(
          new Error(
            'Sandbox Grid Utility: the encrypted response could not be decrypted on this device: authentication failed (while reading the customer accounts).',
          ),
          { name: 'DecryptionError', server: 'Sandbox Grid Utility', step: 'reading the customer accounts' },
        );
      },
    });
    const text = bodyText();
    expect(text).toContain('The data could not be decrypted on this device');
    expect(text).toContain('Nothing from that answer is shown');
    expect(text).toContain('reading the customer accounts');
    expect(document.querySelectorAll('tr[data-account-id]')).toHaveLength(0);
    expect(buttonByName(document.body, 'Authorize again…')).not.toBeNull();
    expect(buttonByName(document.body, 'Try again')).not.toBeNull();
  });

  it('recognises a decryption failure by name or by the engine’s words', () => {
    expect(isDecryptionFailure({ name: 'DecryptionError', message: 'x' })).toBe(true);
    expect(
      isDecryptionFailure({
        name: 'Error',
        message: 'the response is encrypted but this device holds no key for it',
      }),
    ).toBe(true);
    expect(isDecryptionFailure({ name: 'NetworkError', message: 'connection refused' })).toBe(false);
  });

  it('invites the first authorization when there is none', async () => {
    await show({ 'authorization.list': async () => [] });
    expect(bodyText()).toContain('No customer has authorized you yet');
    expect(bodyText()).toContain('bob-sandbox');
  });

  it('makes a new device key after confirming, with a toast', async () => {
    const newer = key({ kid: 'NEWKEY-abcdefghijklmnopqrstuvwxyz0123456789', grantIds: [] });
    const app = await show({
      'data.accounts': async () => accounts(1),
      'keys.rotate': async () => ({
        serverId: 'srv-1',
        current: newer,
        keys: [newer, key({ current: false })],
      }),
    });
    await press(buttonByName(document.body, 'Make a new key…'));
    expect(bodyText()).toContain('Customers who already authorized keep working');
    await press(buttonByName(document.body, 'Make a new key'));
    await flush();
    expect(app.calls.some((call) => call.method === 'keys.rotate')).toBe(true);
    expect(bodyText()).toContain('New device key made');
  });
});
