import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, appOrigins, isTrustedOrigin, originOf } from '../../../src/main/electron/app-origin';
import { type GuardedWebContents, guardWebContents } from '../../../src/main/electron/navigation-guard';

type Listener = (event: { preventDefault(): void }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, listener);
      return contents;
    },
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
      openHandler = handler;
    },
  };
  const fire = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents: contents as GuardedWebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

function guarded() {
  const fake = fakeContents();
  const opened: string[] = [];
  const blocked: string[] = [];
  guardWebContents(fake.contents, {
    appOrigins: [APP_ORIGIN],
    externalOrigins: () => ['https://github.com'],
    openInBrowser: (url) => opened.push(url),
    onBlocked: (kind) => blocked.push(kind),
  });
  return { ...fake, opened, blocked };
}

describe('the navigation guard', () => {
  it('allows navigation within the app origin only', () => {
    const { fire, blocked } = guarded();
    expect(fire('will-navigate', 'app://companion/index.html#/servers')).toBe(false);
    expect(fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(fire('will-navigate', 'app://companion.evil/')).toBe(true);
    expect(fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(blocked).toEqual(['navigation', 'navigation', 'navigation', 'redirect']);
  });

  it('never attaches a webview', () => {
    const { fire } = guarded();
    expect(fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window, sending trusted links to the system browser', () => {
    const { open, opened, blocked } = guarded();
    expect(open('https://github.com/lfe-cds/CDS-Registration')).toEqual({ action: 'deny' });
    expect(open('https://github.com.evil.com/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('app://companion/index.html')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/lfe-cds/CDS-Registration']);
    expect(blocked).toEqual(['window', 'window', 'window']);
  });
});

describe('app origins', () => {
  it('names the custom scheme origin that Node leaves opaque', () => {
    expect(new URL('app://companion/x').origin).toBe('null');
    expect(originOf('app://companion/index.html')).toBe(APP_ORIGIN);
    expect(originOf('about:blank')).toBeNull();
    expect(isTrustedOrigin('app://companion:8080/', [APP_ORIGIN])).toBe(false);
  });

  it('trusts the dev server only unpackaged and only on loopback http', () => {
    expect(appOrigins({ isPackaged: false, devServerUrl: 'http://localhost:5173/' })).toEqual([
      APP_ORIGIN,
      'http://localhost:5173',
    ]);
    expect(appOrigins({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual([APP_ORIGIN]);
    expect(appOrigins({ isPackaged: false, devServerUrl: 'https://evil.example/' })).toEqual([APP_ORIGIN]);
    expect(appOrigins({ isPackaged: false, devServerUrl: undefined })).toEqual([APP_ORIGIN]);
  });
});
