import { describe, expect, it } from 'vitest';
import { createMainWindow, type WindowOptions } from '../../../src/main/electron/main-window';

class FakeBrowserWindow {
  static created: WindowOptions[] = [];
  constructor(readonly options: WindowOptions) {
    FakeBrowserWindow.created.push(options);
  }
}

function build(devTools = false): WindowOptions {
  const window = createMainWindow({
    BrowserWindow: FakeBrowserWindow,
    preloadPath: '/app/out/preload/index.cjs',
    iconPath: '/app/resources/icon.png',
    devTools,
  });
  return window.options;
}

describe('the main window options', () => {
  it('isolates, sandboxes and never integrates Node into the renderer', () => {
    const prefs = build().webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('sets no weakening flag', () => {
    const prefs = build().webPreferences ?? {};
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the built preload and shows the window only once painted', () => {
    const options = build();
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
    expect(options.show).toBe(false);
    expect(options.icon).toBe('/app/resources/icon.png');
  });

  it('offers DevTools only when asked (unpackaged runs)', () => {
    expect(build(false).webPreferences?.devTools).toBe(false);
    expect(build(true).webPreferences?.devTools).toBe(true);
  });
});
