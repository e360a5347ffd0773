import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from './app-commands';
import { SPEC_LINKS } from './help-links';

// The application menu, as a plain template so it is tested without Electron. Items that need the
// service send an app command to the renderer; the rest use Electron roles.

/** A menu item template, re-exported so tests need not name electron. */
export type MenuTemplateItem = MenuItemConstructorOptions;

export interface MenuActions {
  readonly sendCommand: (command: AppCommand) => void;
  readonly openLink: (url: string) => void;
  readonly openUserGuide: () => void;
  readonly copyDiagnostics: () => void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Adds "Toggle Developer Tools" (unpackaged runs only). */
  readonly devTools: boolean;
  readonly actions: MenuActions;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options;
  const isMac = options.platform === 'darwin';
  const send = (command: AppCommand) => () => actions.sendCommand(command);
  const preferences: MenuItemConstructorOptions = {
    id: 'preferences',
    label: isMac ? 'Settings…' : 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    click: send({ command: 'preferences' }),
  };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        preferences,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      {
        id: 'add-server',
        label: 'Add Server…',
        accelerator: 'CmdOrCtrl+N',
        click: send({ command: 'add-server' }),
      },
      { id: 'try-demo', label: 'Try the Demo Utility', click: send({ command: 'try-demo' }) },
      { type: 'separator' },
      {
        id: 'sync-all',
        label: 'Sync All',
        accelerator: 'CmdOrCtrl+Shift+R',
        click: send({ command: 'sync-all' }),
      },
      ...(isMac
        ? [{ type: 'separator' as const }, { role: 'close' as const }]
        : [
            { type: 'separator' as const },
            preferences,
            { type: 'separator' as const },
            { role: 'quit' as const },
          ]),
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.devTools ? [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  });
  if (isMac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      { id: 'user-guide', label: 'User Guide', click: () => actions.openUserGuide() },
      { type: 'separator' },
      ...SPEC_LINKS.map((link) => ({ label: link.label, click: () => actions.openLink(link.url) })),
      { type: 'separator' },
      { id: 'copy-diagnostics', label: 'Copy Diagnostics', click: () => actions.copyDiagnostics() },
    ],
  });
  return template;
}
