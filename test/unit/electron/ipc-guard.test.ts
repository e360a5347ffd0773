import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src/main/electron/app-origin';
import {
  bindServiceToIpc,
  forwardServiceEvents,
  type GuardedListener,
  guardHandler,
  type IpcInvokeEventLike,
  IpcRejectedError,
} from '../../../src/main/electron/ipc-guard';
import { methodNames } from '../../../src/shared/ipc/names';
import { decodeServiceError } from '../../../src/shared/ipc/service-error';
import { fakeService, sampleInfo } from './fake-service';

const fromFrame = (url: string, parent: unknown = null): IpcInvokeEventLike => ({
  senderFrame: { url, parent },
});
const appEvent = fromFrame(`${APP_ORIGIN}/index.html`);

function guarded(result?: unknown, onRejected?: (method: string, reason: string) => void) {
  const fake = fakeService(result);
  const listener = guardHandler('app.info', fake.service.handlers['app.info'], {
    trustedOrigins: [APP_ORIGIN],
    ...(onRejected ? { onRejected } : {}),
  });
  return { ...fake, listener };
}

describe('the IPC sender check', () => {
  it('lets the app page through to the service', async () => {
    const { listener, calls } = guarded();
    await expect(listener(appEvent)).resolves.toEqual(sampleInfo());
    expect(calls).toEqual([[]]);
  });

  it.each([
    ['https://evil.example/', 'a web page'],
    ['file:///home/me/page.html', 'a local file'],
    ['app://evil/index.html', 'another app:// host'],
    ['app://companion.evil/index.html', 'a look-alike host'],
    ['http://localhost:5173/', 'the dev server when not trusted'],
    ['about:blank', 'a blank page'],
    ['not a url', 'garbage'],
  ])('refuses a frame at %s (%s) without running the handler', async (url) => {
    const reasons: string[] = [];
    const { listener, calls } = guarded(undefined, (_method, reason) => reasons.push(reason));
    await expect(listener(fromFrame(url))).rejects.toBeInstanceOf(IpcRejectedError);
    expect(calls).toEqual([]);
    expect(reasons).toEqual(['the sender is not the app origin']);
  });

  it('refuses a destroyed frame and a subframe of the app', async () => {
    const { listener, calls } = guarded();
    await expect(listener({ senderFrame: null })).rejects.toThrow(/frame is gone/);
    await expect(listener(fromFrame(`${APP_ORIGIN}/index.html`, { url: APP_ORIGIN }))).rejects.toThrow(
      /subframes/,
    );
    expect(calls).toEqual([]);
  });

  it('accepts the dev server only when it is in the trusted list', async () => {
    const fake = fakeService();
    const listener = guardHandler('app.info', fake.service.handlers['app.info'], {
      trustedOrigins: [APP_ORIGIN, 'http://localhost:5173'],
    });
    await expect(listener(fromFrame('http://localhost:5173/'))).resolves.toEqual(sampleInfo());
    await expect(listener(fromFrame('http://localhost:5174/'))).rejects.toBeInstanceOf(IpcRejectedError);
  });
});

describe('the IPC argument validation', () => {
  it.each([[['unexpected']], [[{ passphrase: 'hunter2-hunter2' }]], [[undefined, 1]]])(
    'rejects malformed arguments %j without running the handler',
    async (args) => {
      const reasons: string[] = [];
      const { listener, calls } = guarded(undefined, (_method, reason) => reasons.push(reason));
      const failure = await listener(appEvent, ...args).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(IpcRejectedError);
      expect(calls).toEqual([]);
      expect(reasons[0]).toMatch(/^invalid arguments/);
    },
  );

  it('never echoes argument values in the refusal', async () => {
    const { listener } = guarded();
    const failure = (await listener(appEvent, 'hunter2-hunter2').catch((error: unknown) => error)) as Error;
    expect(failure.message).toMatch(/app\.info: invalid arguments/);
    expect(failure.message).not.toContain('hunter2');
  });
});

describe('the IPC result filter', () => {
  it('strips fields the contract does not declare, so an undeclared secret never crosses', async () => {
    const leaky = {
      ...sampleInfo(),
      clientSecret: 's3cr3t-value',
      vault: { ...sampleInfo().vault, token: 't' },
    };
    const { listener } = guarded(leaky);
    const result = await listener(appEvent);
    expect(result).toEqual(sampleInfo());
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });

  it('refuses a result that does not match the contract', async () => {
    const { listener } = guarded({ name: 'x' });
    await expect(listener(appEvent)).rejects.toThrow('app.info: the service returned an unexpected result');
  });

  it('passes service errors on with credential-shaped text redacted', async () => {
    const listener = guardHandler(
      'app.info',
      async () => {
        throw new TypeError('token endpoint said {"access_token":"abc.def.ghi"} with Bearer eyJhbGciOi');
      },
      { trustedOrigins: [APP_ORIGIN] },
    );
    const failure = (await listener(appEvent).catch((error: unknown) => error)) as Error;
    expect(failure.name).toBe('TypeError');
    expect(failure.message).not.toContain('abc.def.ghi');
    expect(failure.message).not.toContain('eyJhbGciOi');
  });

  it('carries the Server and the step of a service error to the renderer through the message', async () => {
    const listener = guardHandler(
      'app.info',
      async () => {
        const error = new Error(
          'Utility A: the token endpoint refused the client (while asking for a token).',
        );
        Object.assign(error, { name: 'OAuthError', server: 'Utility A', step: 'asking for a token' });
        throw error;
      },
      { trustedOrigins: [APP_ORIGIN] },
    );
    const failure = (await listener(appEvent).catch((error: unknown) => error)) as Error;
    // Electron prefixes the message when it rejects ipcRenderer.invoke; decoding must survive that.
    const seen = decodeServiceError(
      `Error invoking remote method 'cds:invoke:app.info': Error: ${failure.message}`,
    );
    expect(seen).toEqual({
      name: 'OAuthError',
      message: 'Utility A: the token endpoint refused the client (while asking for a token).',
      server: 'Utility A',
      step: 'asking for a token',
    });
  });
});

describe('binding the service to ipcMain', () => {
  it('registers one guarded handler per contract method and removes them all', async () => {
    const handlers = new Map<string, GuardedListener>();
    const fake = fakeService();
    const unbind = bindServiceToIpc(
      {
        handle: (channel, listener) => handlers.set(channel, listener),
        removeHandler: (channel) => handlers.delete(channel),
      },
      fake.service,
      { trustedOrigins: [APP_ORIGIN] },
    );
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((name) => `cds:invoke:${name}`).sort());
    await expect(handlers.get('cds:invoke:app.info')?.(fromFrame('https://evil.example/'))).rejects.toThrow();
    expect(fake.calls).toEqual([]);
    await expect(handlers.get('cds:invoke:app.info')?.(appEvent)).resolves.toEqual(sampleInfo());
    unbind();
    expect(handlers.size).toBe(0);
  });
});

describe('forwarding service events to the window', () => {
  it('sends parsed payloads on the contract channel and drops malformed ones', () => {
    const fake = fakeService();
    const sent: [string, unknown][] = [];
    const dropped: string[] = [];
    const off = forwardServiceEvents(
      fake.service.events,
      (channel, payload) => sent.push([channel, payload]),
      (event) => dropped.push(event),
    );
    fake.emit('server.status', { serverId: 's1', status: 'ready', accessToken: 'leak' });
    fake.emit('server.status', { serverId: 42 });
    expect(sent).toEqual([['cds:event:server.status', { serverId: 's1', status: 'ready' }]]);
    expect(dropped).toEqual(['server.status']);
    off();
    expect(fake.listenerCount('server.status')).toBe(0);
  });
});
