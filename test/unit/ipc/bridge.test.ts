import { describe, expect, it } from 'vitest';
import { buildBridge } from '../../../src/shared/ipc/bridge';
import { events, methods } from '../../../src/shared/ipc/contract';
import { eventNames, methodNames } from '../../../src/shared/ipc/names';

describe('the bridge exposed as window.cds', () => {
  it('exposes exactly the contract methods and events, nothing generic', () => {
    const bridge = buildBridge(
      async () => undefined,
      () => () => undefined,
    ) as unknown as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(bridge)
      .filter(([namespace]) => namespace !== 'on')
      .flatMap(([namespace, verbs]) => Object.keys(verbs).map((verb) => `${namespace}.${verb}`))
      .sort();
    expect(exposed).toEqual(Object.keys(methods).sort());
    expect(Object.keys(bridge.on ?? {}).sort()).toEqual(Object.keys(events).sort());
    expect(bridge).not.toHaveProperty('invoke');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('keeps the zod-free name lists equal to the contract', () => {
    expect([...methodNames].sort()).toEqual(Object.keys(methods).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
  });

  it('routes a call to the named method and returns an unsubscribe for events', async () => {
    const calls: unknown[] = [];
    let unsubscribed = false;
    const bridge = buildBridge(
      async (method, args) => {
        calls.push([method, args]);
        return 'ok';
      },
      () => () => {
        unsubscribed = true;
      },
    );
    await expect(bridge.app.info()).resolves.toBe('ok');
    expect(calls).toEqual([['app.info', []]]);
    const off = bridge.on['server.status'](() => undefined);
    off();
    expect(unsubscribed).toBe(true);
  });

  it('leaves trailing undefined arguments out, so JSON transports do not turn them into null', async () => {
    const calls: unknown[] = [];
    const bridge = buildBridge(
      async (method, args) => {
        calls.push([method, args]);
        return null;
      },
      () => () => undefined,
    );
    await bridge.servers.addDemo(undefined);
    expect(calls).toEqual([['servers.addDemo', []]]);
  });
});
