import { describe, expect, it } from 'vitest';
import { guardHandler } from '../../../src/main/electron/ipc-guard';
import { guardWebContents } from '../../../src/main/electron/navigation-guard';
import { createProducedLinks } from '../../../src/main/electron/produced-links';

describe('links the service produced', () => {
  it('records the origins of https and loopback links in a view model, nothing else', () => {
    const links = createProducedLinks();
    links.record({
      name: 'Utility A',
      website: 'https://utility.example/about',
      nested: [{ related_uri: 'https://pay.example.net/checkout?id=1' }, 'http://127.0.0.1:7400/docs'],
      ignored: [
        'javascript:alert(1)',
        'http://evil.example/',
        'https://user:pw@utility.example/',
        'file:///etc',
      ],
      number: 3,
    });
    expect(links.origins()).toEqual([
      'https://utility.example',
      'https://pay.example.net',
      'http://127.0.0.1:7400',
    ]);
  });

  it('lets window.open reach the system browser only for those origins', async () => {
    const links = createProducedLinks();
    const opened: string[] = [];
    let windowOpen: ((details: { url: string }) => { action: 'deny' }) | undefined;
    guardWebContents(
      {
        on: () => undefined,
        setWindowOpenHandler: (handler) => {
          windowOpen = handler;
        },
      },
      {
        appOrigins: ['app://companion'],
        externalOrigins: () => ['https://github.com', ...links.origins()],
        openInBrowser: (url) => opened.push(url),
      },
    );
    // The link is refused until a result carrying it crosses IPC through the guard.
    expect(windowOpen?.({ url: 'https://utility.example/docs' })).toEqual({ action: 'deny' });
    expect(opened).toEqual([]);
    const listener = guardHandler(
      'app.info',
      async () => ({
        name: 'CDS Companion',
        version: '1',
        dataDir: '/tmp/x',
        vault: { backend: 'memory', persistent: false, warning: 'https://utility.example/help' },
      }),
      { trustedOrigins: ['app://companion'], onDelivered: (result) => links.record(result) },
    );
    await listener({ senderFrame: { url: 'app://companion/index.html', parent: null } });
    expect(windowOpen?.({ url: 'https://utility.example/docs' })).toEqual({ action: 'deny' });
    expect(windowOpen?.({ url: 'https://other.example/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://utility.example/docs']);
  });
});
