import { buildBridge, type CdsApi, eventChannel, invokeChannel } from '../shared/ipc/bridge';

// The preload's whole job, free of the electron import so a test can hand it fakes: expose the
// contract's named functions as `window.cds`, nothing else (no generic invoke, no ipcRenderer, no
// process.env; SECURITY.md "The desktop shell"). Listeners get the payload only, never the
// IpcRendererEvent (whose `sender` would reach ipcRenderer), and each subscription returns its
// unsubscribe.

/** The parts of Electron's contextBridge the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** The parts of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export const CDS_API_KEY = 'cds';

/** Builds the contract bridge over ipcRenderer and exposes it as `window.cds`. */
export function exposeCdsApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): CdsApi {
  const api = buildBridge(
    (method, args) => ipcRenderer.invoke(invokeChannel(method), ...args),
    (event, listener) => {
      const handler = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(eventChannel(event), handler);
      return () => {
        ipcRenderer.removeListener(eventChannel(event), handler);
      };
    },
  );
  contextBridge.exposeInMainWorld(CDS_API_KEY, api);
  return api;
}
