import { isTrustedOrigin } from './app-origin';
import { checkExternalUrl } from './external-url';

// Navigation away from the app and new windows are denied on every web contents (SECURITY.md "The
// desktop shell"). Links to trusted external origins (help, specifications) go to the system
// browser instead; everything else is dropped and reported.

interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of Electron's WebContents the guard uses. */
export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface NavigationGuardOptions {
  /** Origins of the app's own pages: the only places the window may navigate to. */
  readonly appOrigins: readonly string[];
  /** Origins a link in the app may open in the system browser (checked exactly, per call). */
  readonly externalOrigins: () => readonly string[];
  readonly openInBrowser: (url: string) => void;
  readonly onBlocked?: (kind: 'navigation' | 'redirect' | 'window' | 'webview', reason: string) => void;
}

/** Attaches the navigation, redirect, webview and window.open guards to one web contents. */
export function guardWebContents(contents: GuardedWebContents, options: NavigationGuardOptions): void {
  contents.on('will-navigate', (event, url) => {
    if (isTrustedOrigin(url, options.appOrigins)) return;
    event.preventDefault();
    options.onBlocked?.('navigation', 'navigation away from the app is not allowed');
  });
  contents.on('will-redirect', (event, url) => {
    if (isTrustedOrigin(url, options.appOrigins)) return;
    event.preventDefault();
    options.onBlocked?.('redirect', 'redirect away from the app is not allowed');
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onBlocked?.('webview', 'webviews are not allowed');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = checkExternalUrl(url, { trustedOrigins: options.externalOrigins() });
    if (verdict.ok) options.openInBrowser(verdict.url.href);
    else options.onBlocked?.('window', verdict.reason);
    return { action: 'deny' };
  });
}
