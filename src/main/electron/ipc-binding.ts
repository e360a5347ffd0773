import { ipcMain } from 'electron';
import type { ServiceApi } from '../service-api';
import { bindServiceToIpc, type IpcGuardOptions } from './ipc-guard';

// The only main-process file touching ipcMain (STYLE.md 3): it hands Electron's ipcMain to the
// Electron-free guard, which registers one checked handler per contract method.
export function bindIpc(service: ServiceApi, options: IpcGuardOptions): () => void {
  return bindServiceToIpc(ipcMain, service, options);
}
