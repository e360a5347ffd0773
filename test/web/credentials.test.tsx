import { act } from 'react';
import { describe, expect, it } from 'vitest';
import {
  createCredentialRotationsStore,
  rotationOf,
  rotationSteps,
} from '../../src/renderer/src/stores/credential-rotations-store';
import { describeExpiry, formatDuration } from '../../src/renderer/src/views/server/credentials-expiry';
import { CredentialsSection } from '../../src/renderer/src/views/server/credentials-section';
import type { ClientView } from '../../src/shared/ipc/clients-contract';
import type { CredentialView, RotationResult } from '../../src/shared/ipc/credentials-contract';
import type { SettingsView } from '../../src/shared/ipc/settings-contract';
import { bodyText, type Handlers, withApp } from './customer-data-providers';
import { flush, press } from './render';
import { deferred, pressButton, sandboxOverview, sectionUnderTest, serviceError } from './section-support';

const overview = sandboxOverview([
  { id: 'cds_client_admin', name: 'Client administration', kind: 'clientAdmin' },
]);

const nowSeconds = Math.floor(Date.now() / 1000);
const credential = (id: string, extra: Partial<CredentialView> = {}): CredentialView => ({
  serverId: 'srv-1',
  credentialId: id,
  clientId: 'admin-1',
  type: 'client_secret',
  created: '2025-09-01T10:00:00Z',
  modified: '2025-09-01T10:00:00Z',
  expiresAt: nowSeconds + 40 * 86_400,
  expired: false,
  active: true,
  object: {},
  ...extra,
});
const client = {
  serverId: 'srv-1',
  clientId: 'admin-1',
  name: 'Ada Client Admin',
  scopes: ['cds_client_admin'],
  admin: true,
} as ClientView;
const settings: SettingsView = {
  pollingIntervalMinutes: 15,
  rotation: {
    automatic: false,
    daysBeforeExpiry: 14,
    lastRunAt: null,
    lastRunRotated: null,
    lastRunProblem: null,
    nextRunAt: null,
  },
  downloadFolder: '/tmp/downloads',
  downloadFolderIsDefault: true,
  dataDir: '/tmp/data',
  vault: { backend: 'memory', persistent: false, warning: null },
} as SettingsView;

/** The outcome of a complete rotation of admin-1's secret: cred-2 replaces cred-1. */
const rotated: RotationResult = {
  serverId: 'srv-1',
  clientId: 'admin-1',
  newCredentialId: 'cred-2',
  expiredCredentialIds: ['cred-1'],
  complete: true,
  warning: null,
};

const section = sectionUnderTest(CredentialsSection, { overview });

function stepStates(store: ReturnType<typeof createCredentialRotationsStore>, clientId: string) {
  const rotation = rotationOf(store.getState(), 'srv-1', clientId);
  if (!rotation) throw new Error(`no rotation for ${clientId}`);
  return rotationSteps(rotation).map((step) => step.state);
}

describe('credential rotations store', () => {
  it('walks the four steps from the events and the result', () => {
    const store = createCredentialRotationsStore();
    store.getState().start('srv-1', 'admin-1', 1);
    const states = () => stepStates(store, 'admin-1');
    expect(states()).toEqual(['running', 'waiting', 'waiting', 'waiting']);
    // A whole-Server sync event (clientId null) says nothing about this rotation.
    store.getState().noteCredentialsChanged('srv-1', null);
    store.getState().noteCredentialsChanged('srv-1', 'other-client');
    expect(states()).toEqual(['running', 'waiting', 'waiting', 'waiting']);
    store.getState().noteCredentialsChanged('srv-1', 'admin-1');
    expect(states()).toEqual(['done', 'done', 'done', 'running']);
    store.getState().finish(rotated);
    expect(states()).toEqual(['done', 'done', 'done', 'done']);
    store.getState().dismiss('srv-1', 'admin-1');
    expect(rotationOf(store.getState(), 'srv-1', 'admin-1')).toBeNull();
  });

  it('places a failure at the step the service named, and an incomplete rotation at the last step', () => {
    const store = createCredentialRotationsStore();
    store.getState().start('srv-1', 'c', 1);
    store.getState().fail('srv-1', 'c', {
      name: 'OAuthError',
      message: 'refused',
      step: 'verifying the new secret of client c',
    });
    expect(stepStates(store, 'c')).toEqual(['done', 'failed', 'not-run', 'not-run']);
    store.getState().start('srv-1', 'c', 2);
    store.getState().noteCredentialsChanged('srv-1', 'c');
    store.getState().fail('srv-1', 'c', { name: 'Error', message: 'lost' });
    expect(stepStates(store, 'c')).toEqual(['done', 'done', 'done', 'failed']);
    store.getState().finish({
      serverId: 'srv-1',
      clientId: 'c',
      newCredentialId: 'n',
      expiredCredentialIds: [],
      complete: false,
      warning: 'retried later',
    });
    expect(stepStates(store, 'c')).toEqual(['done', 'done', 'done', 'warning']);
  });
});

describe('expiry countdown', () => {
  it('says how long a secret has left, and how urgent that is', () => {
    const now = 1_000_000 * 1000;
    expect(describeExpiry({ expiresAt: 0, expired: false }, now)).toEqual({
      text: 'Never expires',
      tone: 'success',
    });
    expect(describeExpiry({ expiresAt: 1_000_000 + 30 * 86_400, expired: false }, now)).toEqual({
      text: 'Expires in 30 days',
      tone: 'success',
    });
    expect(describeExpiry({ expiresAt: 1_000_000 + 3 * 86_400, expired: false }, now).tone).toBe('warning');
    expect(describeExpiry({ expiresAt: 1_000_000 + 5 * 3600 + 120, expired: false }, now)).toEqual({
      text: 'Expires in 5 hours 2 minutes',
      tone: 'danger',
    });
    expect(describeExpiry({ expiresAt: 1_000_000 - 7200, expired: true }, now).text).toBe(
      'Expired 2 hours ago',
    );
    expect(formatDuration(86_400 + 3600)).toBe('1 day 1 hour');
    expect(formatDuration(30)).toBe('less than a minute');
  });
});

function credentialsApp(extra: Handlers = {}) {
  let list = [credential('cred-1')];
  const app = withApp({
    'credentials.list': async () => list,
    'clients.list': async () => [client],
    'settings.get': async () => settings,
    ...extra,
  });
  return { app, setList: (next: CredentialView[]) => (list = next) };
}

describe('Credentials section', () => {
  it('lists the secrets per Client Object with their status and countdown', async () => {
    const { app } = credentialsApp();
    await section.show(app);
    const text = bodyText();
    expect(text).toContain('Ada Client Admin');
    expect(text).toContain('cred-1');
    expect(text).toContain('In use');
    expect(text).toMatch(/Expires in (39|40) days/);
    expect(text).toContain('Scheduled rotation');
    expect(text).not.toContain('client_secret');
  });

  it('rotates with step-by-step progress, then shows the outcome and the new list', async () => {
    const rotation = deferred<RotationResult>();
    const { app, setList } = credentialsApp({ 'credentials.rotate': () => rotation.promise });
    await section.show(app);
    await pressButton('Rotate the secret of Client administration');
    const steps = () =>
      [...document.querySelectorAll('.rotation-step')].map((step) =>
        step.className.replace('rotation-step rotation-step--', ''),
      );
    expect(steps()).toEqual(['running', 'waiting', 'waiting', 'waiting']);
    expect(app.calls.filter((call) => call.method === 'credentials.rotate')[0]?.args).toEqual([
      'srv-1',
      'admin-1',
    ]);

    await act(async () => app.emit('credentials.changed', { serverId: 'srv-1', clientId: 'admin-1' }));
    await flush();
    expect(steps()).toEqual(['done', 'done', 'done', 'running']);

    setList([
      credential('cred-2'),
      credential('cred-1', { active: false, expired: true, expiresAt: nowSeconds - 5 }),
    ]);
    rotation.resolve(rotated);
    await flush();
    await flush();
    expect(steps()).toEqual(['done', 'done', 'done', 'done']);
    expect(bodyText()).toContain('Secret rotated.');
    expect(bodyText()).toContain('Expired less than a minute ago');
    expect(document.querySelector('.toast')?.textContent).toContain('Secret rotated');
  });

  it('shows where a rotation stopped, and retries', async () => {
    let attempts = 0;
    const { app } = credentialsApp({
      'credentials.rotate': async () => {
        attempts += 1;
        throw serviceError(
          'the Server refused the new secret; the old one is kept',
          'verifying the new secret of client admin-1',
        );
      },
    });
    await section.show(app);
    await pressButton('Rotate the secret of Client administration');
    expect(document.querySelector('.rotation-step--failed')?.textContent).toContain(
      'Check that the Server accepts it',
    );
    expect(bodyText()).toContain('the Server refused the new secret');
    expect(bodyText()).toContain('Sandbox Grid Utility · verifying the new secret of client admin-1');
    await pressButton('Try again');
    expect(attempts).toBe(2);
  });

  it('expires a secret only after confirmation, forcing it when asked', async () => {
    const { app } = credentialsApp({
      'credentials.expire': async () => credential('cred-1', { expired: true, active: false }),
    });
    await section.show(app);
    await pressButton('Expire secret cred-1');
    const dialog = document.querySelector('[role=dialog]');
    expect(dialog?.textContent).toContain('Expire secret cred-1?');
    expect(app.calls.some((call) => call.method === 'credentials.expire')).toBe(false);
    const force = dialog?.querySelector('input[type=checkbox]') as HTMLInputElement;
    await press(force);
    await pressButton('Expire the secret');
    expect(app.calls.find((call) => call.method === 'credentials.expire')?.args).toEqual([
      'srv-1',
      'cred-1',
      { force: true },
    ]);
    expect(document.querySelector('[role=dialog]')).toBeNull();
    expect(document.querySelector('.toast')?.textContent).toContain('Secret cred-1 expired');
  });

  it('turns scheduled rotation on through the settings', async () => {
    const { app } = credentialsApp({
      'settings.update': async (update) => ({
        ...settings,
        rotation: {
          ...settings.rotation,
          automatic: (update as { automaticRotation: boolean }).automaticRotation,
        },
      }),
    });
    await section.show(app);
    const toggle = [...document.querySelectorAll('label')].find((label) =>
      label.textContent?.includes('Rotate secrets automatically'),
    );
    await press(toggle?.querySelector('input') ?? null);
    await flush();
    expect(app.calls.find((call) => call.method === 'settings.update')?.args).toEqual([
      { automaticRotation: true },
    ]);
    expect(app.stores.settings.getState().settings?.rotation.automatic).toBe(true);
  });

  it('shows a failed listing with the Server and step, and retries', async () => {
    let fail = true;
    const { app } = credentialsApp({
      'credentials.list': async () => {
        if (fail) throw serviceError('HTTP 500', 'listing the Credentials');
        return [credential('cred-1')];
      },
    });
    await section.show(app);
    expect(document.querySelector('[role=alert]')?.textContent).toContain('listing the Credentials');
    fail = false;
    await pressButton('Try again');
    expect(bodyText()).toContain('cred-1');
  });
});
