import { describe, expect, it } from 'vitest';
import { CDS_API_KEY, exposeCdsApi, type IpcRendererLike } from '../../../src/preload/expose-api';
import { events, methods } from '../../../src/shared/ipc/contract';

function fakes() {
  const exposed = new Map<string, unknown>();
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args]);
      return { ok: channel };
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
    },
  };
  const contextBridge = { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) };
  return { exposed, invoked, listeners, ipcRenderer, contextBridge };
}

describe('the preload', () => {
  it('exposes exactly the contract as window.cds and nothing else', () => {
    const { exposed, ipcRenderer, contextBridge } = fakes();
    exposeCdsApi(contextBridge, ipcRenderer);
    expect([...exposed.keys()]).toEqual([CDS_API_KEY]);
    const api = exposed.get(CDS_API_KEY) as Record<string, Record<string, unknown>>;
    const methodKeys = Object.entries(api)
      .filter(([namespace]) => namespace !== 'on')
      .flatMap(([namespace, verbs]) => Object.keys(verbs).map((verb) => `${namespace}.${verb}`));
    expect(methodKeys.sort()).toEqual(Object.keys(methods).sort());
    expect(Object.keys(api.on ?? {}).sort()).toEqual(Object.keys(events).sort());
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'process', 'env', 'require']) {
      expect(api).not.toHaveProperty(forbidden);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the named channel with the arguments', async () => {
    const { exposed, invoked, ipcRenderer, contextBridge } = fakes();
    exposeCdsApi(contextBridge, ipcRenderer);
    const api = exposed.get(CDS_API_KEY) as { app: { info: () => Promise<unknown> } };
    await expect(api.app.info()).resolves.toEqual({ ok: 'cds:invoke:app.info' });
    expect(invoked).toEqual([['cds:invoke:app.info']]);
  });

  it('hands listeners the payload only and unsubscribes', () => {
    const { exposed, listeners, ipcRenderer, contextBridge } = fakes();
    exposeCdsApi(contextBridge, ipcRenderer);
    const api = exposed.get(CDS_API_KEY) as {
      on: Record<string, (listener: (...args: unknown[]) => void) => () => void>;
    };
    const received: unknown[][] = [];
    const off = api.on['server.status']?.((...args) => received.push(args));
    const channel = listeners.get('cds:event:server.status');
    expect(channel?.size).toBe(1);
    const ipcEvent = { sender: { send: () => undefined } };
    for (const listener of channel ?? []) listener(ipcEvent, { serverId: 's', status: 'ok' });
    expect(received).toEqual([[{ serverId: 's', status: 'ok' }]]);
    off?.();
    expect(channel?.size).toBe(0);
  });
});
