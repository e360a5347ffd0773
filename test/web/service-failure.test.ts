import { describe, expect, it } from 'vitest';
import { callService } from '../../src/renderer/src/ipc/cds-client';
import { describeFailureContext, toServiceFailure } from '../../src/renderer/src/ipc/service-failure';
import { fakeBridge } from './render';

describe('toServiceFailure', () => {
  it('keeps the name, message, Server and step an Error carries', () => {
    const error = Object.assign(new Error('Token request refused'), {
      name: 'TokenError',
      server: 'Utility A',
      step: 'requesting a token',
    });
    expect(toServiceFailure(error)).toEqual({
      name: 'TokenError',
      message: 'Token request refused',
      server: 'Utility A',
      step: 'requesting a token',
    });
  });

  it("strips Electron's invoke prefix", () => {
    const error = new Error("Error invoking remote method 'cds:invoke:app.info': Error: The vault is locked");
    expect(toServiceFailure(error).message).toBe('The vault is locked');
  });

  it('reads plain objects and strings, and never returns an empty message', () => {
    expect(toServiceFailure({ name: 'X', message: 'm', server: 'S' })).toEqual({
      name: 'X',
      message: 'm',
      server: 'S',
    });
    expect(toServiceFailure('boom')).toEqual({ name: 'Error', message: 'boom' });
    expect(toServiceFailure(undefined).message).toBe('Something went wrong.');
    expect(toServiceFailure(new Error('')).message).toBe('Something went wrong.');
  });

  it('ignores non-string context fields', () => {
    const error = Object.assign(new Error('m'), { server: 42, step: { a: 1 } });
    expect(toServiceFailure(error)).toEqual({ name: 'Error', message: 'm' });
  });

  it('describes the context as "Server · step"', () => {
    expect(describeFailureContext({ name: 'E', message: 'm', server: 'A', step: 'b' })).toBe('A · b');
    expect(describeFailureContext({ name: 'E', message: 'm', step: 'b' })).toBe('b');
    expect(describeFailureContext({ name: 'E', message: 'm' })).toBeNull();
  });
});

describe('callService', () => {
  it('settles success and failure into outcomes', async () => {
    const info = {
      name: 'CDS Companion',
      version: '1',
      dataDir: '/d',
      vault: { backend: 'memory' as const, persistent: false, warning: 'w' },
    };
    const ok = fakeBridge({ 'app.info': async () => info });
    await expect(callService(ok.api, (cds) => cds.app.info())).resolves.toEqual({ ok: true, value: info });

    const failing = fakeBridge({
      'app.info': async () => {
        throw Object.assign(new Error('offline'), { step: 'reading metadata' });
      },
    });
    await expect(callService(failing.api, (cds) => cds.app.info())).resolves.toEqual({
      ok: false,
      failure: { name: 'Error', message: 'offline', step: 'reading metadata' },
    });
  });
});
