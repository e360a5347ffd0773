import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';

/** Starts the desktop app: one hardened window over the renderer bundle. */
export function startDesktopApp(): void {
  app.whenReady().then(() => {
    const window = new BrowserWindow({
      width: 1280,
      height: 820,
      show: false,
      webPreferences: {
        preload: join(import.meta.dirname, '../preload/index.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
      },
    });
    window.once('ready-to-show', () => window.show());
    void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  });
  app.on('window-all-closed', () => app.quit());
}
