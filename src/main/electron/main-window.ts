import type { BrowserWindowConstructorOptions } from 'electron';

// The one app window. The BrowserWindow class is injected so a test can capture the options without
// the Electron binary, and the options stay a literal here so electronegativity reads them.

/** The window options, re-exported so tests need not name electron. */
export type WindowOptions = BrowserWindowConstructorOptions;

export type BrowserWindowClass<W> = new (options: WindowOptions) => W;

export interface MainWindowOptions<W> {
  readonly BrowserWindow: BrowserWindowClass<W>;
  /** Absolute path of the built, sandboxed CommonJS preload (out/preload/index.cjs). */
  readonly preloadPath: string;
  readonly iconPath?: string | undefined;
  /** DevTools only in an unpackaged (development) run. */
  readonly devTools: boolean;
}

/** Creates the hardened main window (SECURITY.md "The desktop shell"). */
export function createMainWindow<W>(options: MainWindowOptions<W>): W {
  const { BrowserWindow } = options;
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'CDS Companion',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: {
      // The preload is the renderer's only door to the service: it exposes the contract's named
      // functions and nothing else (src/preload/expose-api.ts, tested against the contract).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click (auxclick) could open links in a new window bypassing window.open handling.
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: options.devTools,
    },
  });
}
