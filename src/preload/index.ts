import { contextBridge, ipcRenderer } from 'electron';
import { exposeCdsApi } from './expose-api';

// The only file in the renderer's process that touches ipcRenderer (STYLE.md 3); the bridge itself
// is built in ./expose-api so it is tested without Electron.
exposeCdsApi(contextBridge, ipcRenderer);
