import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLoopbackListener } from '../../../src/main/cds/authorization/loopback-listener';

// Real HTTP on 127.0.0.1: the listener answers exactly one callback on its path, then the port is
// closed; a timeout or a cancel closes it too (SECURITY.md "loopback redirect ...").

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

const start = (timeoutMs = 5_000, signal?: AbortSignal) =>
  startLoopbackListener({
    path: '/cds/srv-1/callback',
    timeoutMs,
    ...(signal ? { signal } : {}),
    handle: (query) =>
      query.get('code') === 'good'
        ? {
            page: { ok: true, title: 'Done', message: 'ok <b>' },
            outcome: { ok: true, value: query.get('code') },
          }
        : {
            page: { ok: false, title: 'No', message: 'bad' },
            outcome: { ok: false, error: new Error('bad callback') },
          },
    onTimeout: () => new Error('timed out'),
    onCancel: () => new Error('cancelled'),
  });

describe('loopback listener', () => {
  it('listens on 127.0.0.1 with an ephemeral port and a per-Server path', async () => {
    const listener = await start();
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.port}/cds/srv-1/callback`);
    expect(listener.port).toBeGreaterThan(0);
    await listener.close();
  });

  it('ignores other paths, answers the callback once with an escaped page, then closes', async () => {
    const listener = await start();
    const stray = await fetch(`http://127.0.0.1:${listener.port}/favicon.ico`);
    expect(stray.status).toBe(404);
    expect(listener.isOpen()).toBe(true);
    const answer = await fetch(`${listener.redirectUri}?code=good&state=s`);
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(html).toContain('ok &lt;b&gt;');
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'");
    await expect(listener.result).resolves.toBe('good');
    expect(listener.isOpen()).toBe(false);
    expect(await refused(listener.port)).toBe(true);
  });

  it('a refused callback rejects the result and still closes', async () => {
    const listener = await start();
    const answer = await fetch(`${listener.redirectUri}?code=bad`);
    expect(answer.status).toBe(400);
    await expect(listener.result).rejects.toThrow('bad callback');
    expect(await refused(listener.port)).toBe(true);
  });

  it('times out and closes', async () => {
    const listener = await start(50);
    await expect(listener.result).rejects.toThrow('timed out');
    expect(await refused(listener.port)).toBe(true);
  });

  it('is cancelled by close() or by its signal', async () => {
    const first = await start();
    await first.close();
    await expect(first.result).rejects.toThrow('cancelled');
    expect(await refused(first.port)).toBe(true);

    const controller = new AbortController();
    const second = await start(5_000, controller.signal);
    controller.abort();
    await expect(second.result).rejects.toThrow('cancelled');
    expect(await refused(second.port)).toBe(true);
  });

  it('two concurrent callbacks: one answer, one refused or closed', async () => {
    const listener = await start();
    const results = await Promise.allSettled([
      fetch(`${listener.redirectUri}?code=good`).then((r) => r.status),
      fetch(`${listener.redirectUri}?code=good`).then((r) => r.status),
    ]);
    const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused'));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    await expect(listener.result).resolves.toBe('good');
  });
});
