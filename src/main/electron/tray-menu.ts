import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from './app-commands';

// The tray icon's menu: open the window, the one everyday action, quit.
export function buildTrayMenuTemplate(actions: {
  readonly showWindow: () => void;
  readonly sendCommand: (command: AppCommand) => void;
  readonly quit: () => void;
}): MenuItemConstructorOptions[] {
  return [
    { id: 'open', label: 'Open CDS Companion', click: () => actions.showWindow() },
    { id: 'sync-all', label: 'Sync All', click: () => actions.sendCommand({ command: 'sync-all' }) },
    { type: 'separator' },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  ];
}
