import { homedir, release } from 'node:os';
import { join } from 'node:path';
import * as electron from 'electron';
import type { EventName } from '../../shared/ipc/contract';
import { APP_COMMAND_CHANNEL, type AppCommand, appCommand } from './app-commands';
import { buildMenuTemplate } from './app-menu';
import { APP_ENTRY_URL, APP_SCHEME, appOrigins } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import type { LooseEventSource } from './desktop-events';
import type { CreateService, DesktopNotification, DesktopService } from './desktop-integration';
import { buildDiagnostics } from './diagnostics';
import { createExternalOpener } from './external-url';
import { HELP_ORIGINS, USER_GUIDE_PATH } from './help-links';
import { bindIpc } from './ipc-binding';
import { forwardServiceEvents } from './ipc-guard';
import { setupLogging } from './logging';
import { createMainWindow } from './main-window';
import { createFolderPicker, createShowItemInFolder } from './native-dialogs';
import { guardWebContents } from './navigation-guard';
import { wireNotifications } from './notifications';
import { createProducedLinks } from './produced-links';
import { denyAllPermissions } from './session-permissions';
import { acquireSingleInstance } from './single-instance';
import { buildTrayMenuTemplate } from './tray-menu';
import { applyUnread, unreadPresentation, wireUnreadBadge } from './unread-badge';

// The Electron glue: every decision lives in the Electron-free modules beside this file (each unit
// tested); this file only connects them to Electron's objects. Namespace import on purpose, so the
// bundler keeps the `BrowserWindow` name that electronegativity looks for in the window module.

const {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
} = electron;

export interface DesktopAppOptions {
  readonly createService: CreateService;
}

// Registered before `ready` (Electron requires it): app:// behaves like https (standard, secure
// context, fetch allowed) so the renderer has a real origin instead of file://.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Starts the desktop app: one hardened window over the renderer bundle and the service. */
export function startDesktopApp(options: DesktopAppOptions): void {
  // Every renderer sandboxed, whatever a future window forgets to set.
  app.enableSandbox();
  const logging = setupLogging(app.getPath('logs'));
  const { logger } = logging;
  const producedLinks = createProducedLinks();
  const trustedAppOrigins = appOrigins({
    isPackaged: app.isPackaged,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
  });
  const resourceBase = app.isPackaged ? process.resourcesPath : app.getAppPath();
  const resource = (name: string) => join(resourceBase, 'resources', name);
  const dataDir = join(app.getPath('userData'), 'data');

  let mainWindow: electron.BrowserWindow | null = null;
  let service: DesktopService | null = null;
  let tray: electron.Tray | null = null;

  // The window opens once the service is up and bound to IPC (`started`); a second launch, a dock
  // click or a notification before that has nothing to show yet.
  let started = false;
  const showWindow = () => {
    if (!started) return;
    if (mainWindow === null || mainWindow.isDestroyed()) {
      mainWindow = openMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  if (!acquireSingleInstance(app, showWindow)) return;

  // The one shell.openExternal call: createExternalOpener has already parsed the URL and allowed
  // only https: and loopback http: without credentials (external-url.ts, unit tested).
  const openExternal = createExternalOpener((href) => shell.openExternal(href)); // eng-disable OPEN_EXTERNAL_JS_CHECK
  const openLink = (url: string) => {
    openExternal(url).catch((error: unknown) => logger.warn('link not opened', error));
  };

  // Commands go to the renderer's one subscription point; a window opened just now (macOS, after
  // the last one was closed) gets them once its page has loaded.
  const sendCommand = (command: AppCommand) => {
    const payload = appCommand.parse(command);
    showWindow();
    const target = mainWindow;
    if (target === null) return;
    const deliver = () => target.webContents.send(APP_COMMAND_CHANNEL, payload);
    if (target.webContents.isLoading()) target.webContents.once('did-finish-load', deliver);
    else deliver();
  };

  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, {
      appOrigins: trustedAppOrigins,
      // Help pages, and the origins of links the service showed in the window (a Server's website,
      // documentation, a payment form): the system browser opens nothing else.
      externalOrigins: () => [...HELP_ORIGINS, ...producedLinks.origins()],
      openInBrowser: openLink,
      onBlocked: (kind, reason) => logger.warn(`blocked ${kind}: ${reason}`),
    });
  });
  app.on('session-created', (created) => {
    denyAllPermissions(created, (permission) => logger.warn(`permission denied: ${permission}`));
  });

  const notify = (notification: DesktopNotification) => {
    if (!Notification.isSupported()) return;
    const shown = new Notification({ title: notification.title, body: notification.body });
    const { command } = notification;
    shown.on('click', () => (command ? sendCommand(command) : showWindow()));
    shown.show();
  };

  const copyDiagnostics = async () => {
    const info = service ? await service.handlers['app.info']().catch(() => null) : null;
    clipboard.writeText(
      buildDiagnostics({
        appName: app.getName(),
        appVersion: app.getVersion(),
        versions: process.versions,
        platform: process.platform,
        arch: process.arch,
        osRelease: release(),
        locale: app.getLocale(),
        homeDir: homedir(),
        dataDir,
        info,
        logTail: logging.readTail(200),
      }),
    );
  };

  const openUserGuide = async () => {
    const failure = await shell.openPath(join(resourceBase, USER_GUIDE_PATH));
    if (failure !== '') logger.warn(`user guide not opened: ${failure}`);
  };

  function openMainWindow(): electron.BrowserWindow {
    const window = createMainWindow({
      BrowserWindow,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      iconPath: resource('icon.png'),
      devTools: !app.isPackaged,
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    const devServerUrl = trustedAppOrigins.length > 1 ? process.env.ELECTRON_RENDERER_URL : undefined;
    void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
    return window;
  }

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window; the tray keeps the badge elsewhere, but quitting
    // is what people expect when they close the only window on Windows and Linux.
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => showWindow());

  let closing = false;
  app.on('will-quit', (event) => {
    if (service === null || closing) return;
    // Let the service finish (store writes, token revocations in flight) before the process exits.
    event.preventDefault();
    closing = true;
    const running = service;
    service = null;
    running
      .close()
      .catch((error: unknown) => logger.error('service did not close cleanly', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession, (permission) =>
        logger.warn(`permission denied: ${permission}`),
      );
      session.defaultSession.protocol.handle(
        APP_SCHEME,
        createAppProtocolHandler({ rendererDir: join(import.meta.dirname, '../renderer') }),
      );

      service = await options.createService({
        appName: app.getName(),
        appVersion: app.getVersion(),
        dataDir,
        openExternal,
        pickFolder: createFolderPicker(dialog, () => mainWindow),
        showItemInFolder: createShowItemInFolder(shell),
        notify,
      });
      bindIpc(service, {
        trustedOrigins: trustedAppOrigins,
        onRejected: (method, reason) => logger.warn(`IPC ${method} refused: ${reason}`),
        onDelivered: (result) => producedLinks.record(result),
      });
      forwardServiceEvents(
        service.events,
        (channel, payload) => {
          if (mainWindow === null || mainWindow.isDestroyed()) return;
          producedLinks.record(payload);
          mainWindow.webContents.send(channel, payload);
        },
        (event: EventName, reason) => logger.warn(`event ${event} dropped: ${reason}`),
      );

      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate({
            platform: process.platform,
            appName: app.getName(),
            devTools: !app.isPackaged,
            actions: {
              sendCommand,
              openLink,
              openUserGuide: () => void openUserGuide(),
              copyDiagnostics: () => void copyDiagnostics().catch((error: unknown) => logger.error(error)),
            },
          }),
        ),
      );

      tray = new Tray(nativeImage.createFromPath(resource('tray-icon.png')));
      tray.setContextMenu(
        Menu.buildFromTemplate(buildTrayMenuTemplate({ showWindow, sendCommand, quit: () => app.quit() })),
      );
      tray.on('click', () => showWindow());

      // desktop-events.ts parses every payload again before it reaches a notification or the badge.
      const desktopSource: LooseEventSource = service.events;
      const overlay = nativeImage.createFromPath(resource('badge.png'));
      wireNotifications(desktopSource, notify);
      const unreadTargets = {
        setBadgeCount: (count: number) => app.setBadgeCount(count),
        setTrayTooltip: (tooltip: string) => tray?.setToolTip(tooltip),
        ...(process.platform === 'win32'
          ? {
              setOverlay: (description: string | null) =>
                mainWindow?.setOverlayIcon(description === null ? null : overlay, description ?? ''),
            }
          : {}),
      };
      wireUnreadBadge(desktopSource, app.getName(), unreadTargets);

      // The badge starts from the cached counts; `messages.unreadCount` keeps it in step afterwards.
      service.handlers['messages.counts']()
        .then((counts) => {
          const total = counts.reduce((sum, entry) => sum + entry.unreadCount, 0);
          applyUnread(unreadPresentation(app.getName(), total), unreadTargets);
        })
        .catch((error: unknown) => logger.warn('unread count not read', error));

      started = true;
      showWindow();
    })
    .catch((error: unknown) => {
      logger.error('the app could not start', error);
      dialog.showErrorBox(
        'CDS Companion could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}
