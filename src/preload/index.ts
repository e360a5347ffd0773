import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, eventChannel, invokeChannel } from '../shared/ipc/bridge';

// The only file in the renderer's process that touches ipcRenderer (STYLE.md 3). It exposes the
// contract's named functions as `window.cds`, nothing else: no generic invoke, no ipcRenderer, no
// process.env (SECURITY.md "The desktop shell").
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

contextBridge.exposeInMainWorld('cds', api);
