import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { GrantsSection } from '../../src/renderer/src/views/server/grants-section';
import {
  defaultGrantFilter,
  filterGrants,
  grantStatusTone,
  sortGrants,
  statusesIn,
} from '../../src/renderer/src/views/server/grants-table-model';
import type { GrantView } from '../../src/shared/ipc/grants-contract';
import type { ServerOverview } from '../../src/shared/ipc/servers-contract';
import { bodyText, type Handlers, withApp } from './customer-data-providers';
import { flush, press } from './render';
import { pressButton, sandboxOverview, sectionUnderTest, serviceError } from './section-support';

const scope = (id: string, name: string, kind: string, userAuthorization = false) =>
  ({ id, name, kind, userAuthorization }) as ServerOverview['scopes'][number];
const overview = sandboxOverview([
  scope('cds_grant_admin_1', 'Grant administration', 'grantAdmin'),
  scope('cds_server_provided_files_1', 'Server-Provided Files', 'serverProvidedFiles'),
  scope('cds_accounts_1', 'Account List', 'customerData', true),
]);

const labels: Record<string, string> = {
  active: 'Active',
  needs_authorization: 'Needs customer authorization',
  closed: 'Closed',
};
const grant = (id: string, extra: Partial<GrantView> = {}): GrantView => {
  const status = extra.status ?? 'active';
  return {
    serverId: 'srv-1',
    grantId: id,
    uri: `https://utility.example/grants/${id}`,
    status,
    statusLabel: labels[status] ?? status,
    statusExplanation: `Explanation of ${status}.`,
    accessible: status !== 'closed',
    clientId: 'client-files',
    scope: 'cds_server_provided_files_1',
    enabledScope: 'cds_server_provided_files_1',
    authorizationDetails: [],
    enabledAuthorizationDetails: [],
    receiptConfirmations: [],
    created: '2025-09-01T10:00:00Z',
    modified: '2025-09-02T10:00:00Z',
    notBefore: null,
    notAfter: null,
    eta: null,
    expires: null,
    parent: null,
    children: [],
    replacing: [],
    replacedBy: [],
    object: {},
    ...extra,
  };
};

const listing = [
  grant('g-files', { receiptConfirmations: ['RC-7781'] }),
  grant('g-accounts', {
    status: 'needs_authorization',
    clientId: 'client-code',
    scope: 'cds_accounts_1',
    enabledScope: '',
    authorizationDetails: [{ type: 'cds_accounts_1', max_accounts: 5 }],
    modified: '2025-09-05T10:00:00Z',
    parent: { grantId: 'g-files', uri: null, status: 'active', scope: 'cds_server_provided_files_1' },
  }),
  grant('g-old', { status: 'closed', created: '2025-08-01T10:00:00Z', modified: '2025-08-02T10:00:00Z' }),
];

const section = sectionUnderTest(GrantsSection, { overview, virtualTable: true });

describe('grants table model', () => {
  it('filters by status and by words in the scope, Client Object, id or receipt code', () => {
    expect(filterGrants(listing, { status: 'closed', text: '' }).map((g) => g.grantId)).toEqual(['g-old']);
    expect(filterGrants(listing, { status: 'all', text: 'rc-7781' }).map((g) => g.grantId)).toEqual([
      'g-files',
    ]);
    expect(
      filterGrants(listing, { status: 'all', text: 'client-code accounts' }).map((g) => g.grantId),
    ).toEqual(['g-accounts']);
    expect(filterGrants(listing, defaultGrantFilter)).toHaveLength(3);
  });

  it('sorts by any column both ways, ties by id', () => {
    expect(
      sortGrants(listing, { column: 'modified', direction: 'descending' }).map((g) => g.grantId),
    ).toEqual(['g-accounts', 'g-files', 'g-old']);
    expect(sortGrants(listing, { column: 'created', direction: 'ascending' }).map((g) => g.grantId)).toEqual([
      'g-old',
      'g-accounts',
      'g-files',
    ]);
    expect(sortGrants(listing, { column: 'status', direction: 'ascending' })[0]?.status).toBe('active');
  });

  it('lists the statuses present and tones them by whether access works', () => {
    expect(statusesIn(listing).map((s) => s.status)).toEqual(['active', 'closed', 'needs_authorization']);
    expect(grantStatusTone('active')).toBe('success');
    expect(grantStatusTone('needs_authorization')).toBe('warning');
    expect(grantStatusTone('revoked')).toBe('danger');
    expect(grantStatusTone('something_new')).toBe('neutral');
  });
});

function grantsApp(extra: Handlers = {}) {
  return withApp({
    'grants.list': async () => listing,
    'grants.get': async (_server, id) => listing.find((g) => g.grantId === id),
    'files.list': async () => ({ files: [], problems: [] }),
    'settings.get': async () => ({ downloadFolder: '/tmp' }),
    ...extra,
  });
}

const rowNames = () =>
  [...document.querySelectorAll('tbody [data-row-action]')].map((button) =>
    button.getAttribute('aria-label'),
  );

describe('Grants section', () => {
  it('shows a sortable, filterable table', async () => {
    const app = grantsApp();
    await section.show(app);
    expect(rowNames()).toEqual([
      'Account List, Grant g-accounts',
      'Server-Provided Files, Grant g-files',
      'Server-Provided Files, Grant g-old',
    ]);
    expect(document.querySelector('table')?.getAttribute('aria-rowcount')).toBe('4');

    const sortButton = (name: string) =>
      [...document.querySelectorAll('th button')].find((button) => button.textContent?.startsWith(name)) ??
      null;
    await press(sortButton('Created'));
    await flush();
    expect(document.querySelector('th[aria-sort=ascending]')?.textContent).toContain('Created');
    expect(rowNames()[0]).toBe('Server-Provided Files, Grant g-old');
    await press(sortButton('Created'));
    expect(document.querySelector('th[aria-sort=descending]')?.textContent).toContain('Created');
    expect(rowNames()[2]).toBe('Server-Provided Files, Grant g-old');

    const select = document.querySelector('select') as HTMLSelectElement;
    select.value = 'closed';
    await act(async () => select.dispatchEvent(new Event('change', { bubbles: true })));
    await flush();
    expect(rowNames()).toEqual(['Server-Provided Files, Grant g-old']);
    expect(bodyText()).toContain('1 of 3 Grants');
  });

  it('opens the details: requested vs enabled access, parent, status in words, and authorizes', async () => {
    const app = grantsApp({
      'authorization.begin': async () => ({
        flowId: 'flow-1',
        serverId: 'srv-1',
        path: 'loopback',
        url: 'https://utility.example/oauth/authorize?client_id=x',
        redirectUri: 'http://127.0.0.1:5555/callback',
        usedPar: true,
        clientId: 'client-code',
        scopeId: 'cds_accounts_1',
        grantId: 'g-accounts',
        kid: null,
        startedAt: '2025-09-05T10:00:00Z',
        expiresAt: '2025-09-05T10:05:00Z',
      }),
      'authorization.complete': () => new Promise(() => {}),
    });
    await section.show(app);
    await pressButton('Account List, Grant g-accounts');
    const dialog = document.querySelector('[role=dialog]');
    expect(dialog?.textContent).toContain('Grant g-accounts');
    expect(dialog?.textContent).toContain('Explanation of needs_authorization.');
    expect(dialog?.textContent).toContain('Not yet');
    expect(dialog?.textContent).toContain('Max accounts');
    expect(dialog?.textContent).toContain('Grant g-files');

    await pressButton('Authorize in the browser');
    expect(app.calls.find((call) => call.method === 'authorization.begin')?.args).toEqual([
      'srv-1',
      { scopeId: 'cds_accounts_1', grantId: 'g-accounts' },
    ]);
    expect(dialog?.textContent).toContain('Waiting for the customer');

    // The parent opens in the same dialog.
    await press(
      [...(dialog?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.includes('Grant g-files')) ??
        null,
    );
    await flush();
    expect(document.querySelector('[role=dialog]')?.textContent).toContain('RC-7781');
  });

  it('closes a Grant after confirmation', async () => {
    const app = grantsApp({ 'grants.close': async () => grant('g-files', { status: 'closed' }) });
    await section.show(app);
    await pressButton('Server-Provided Files, Grant g-files');
    await pressButton('Close Grant…');
    expect(bodyText()).toContain('Close Grant g-files?');
    expect(app.calls.some((call) => call.method === 'grants.close')).toBe(false);
    await pressButton('Close the Grant');
    expect(app.calls.find((call) => call.method === 'grants.close')?.args).toEqual(['srv-1', 'g-files']);
    expect(document.querySelector('.toast')?.textContent).toContain('Grant g-files closed');
    expect(document.querySelector('[role=dialog] .status-chip')?.textContent).toBe('Closed');
    expect(app.calls.filter((call) => call.method === 'grants.list').length).toBe(2);
  });

  it('moves between rows with the arrow keys', async () => {
    const app = grantsApp();
    await section.show(app);
    const first = document.querySelector<HTMLElement>('[data-row-index="0"] [data-row-action]');
    await act(async () => {
      first?.focus();
      first?.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    await flush();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Server-Provided Files, Grant g-old');
    await act(async () => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    });
    await flush();
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Server-Provided Files, Grant g-files');
  });

  it('shows a failed listing with the Server and step, and retries', async () => {
    let fail = true;
    const app = grantsApp({
      'grants.list': async () => {
        if (fail) throw serviceError('HTTP 500', 'listing the Grants');
        return listing;
      },
    });
    await section.show(app);
    expect(document.querySelector('[role=alert]')?.textContent).toContain('Step: listing the Grants');
    fail = false;
    await pressButton('Try again');
    expect(rowNames()).toHaveLength(3);
  });
});
