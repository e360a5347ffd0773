import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveRendererPath } from '../../../src/main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/content-security-policy';

// Real files in a temporary folder: the handler reads through node:fs as it does in the app.
let root: string;
let rendererDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'my file.css'), 'body{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the app:// path guard', () => {
  it('maps the root and asset paths inside the renderer folder', () => {
    expect(resolveRendererPath(rendererDir, 'app://companion/')).toBe(join(rendererDir, 'index.html'));
    expect(resolveRendererPath(rendererDir, 'app://companion/assets/index-abc.js')).toBe(
      join(rendererDir, 'assets', 'index-abc.js'),
    );
    expect(resolveRendererPath(rendererDir, 'app://companion/assets/my%20file.css')).toBe(
      join(rendererDir, 'assets', 'my file.css'),
    );
  });

  it.each([
    'app://companion/../secret.txt',
    'app://companion/%2e%2e/secret.txt',
    'app://companion/assets/%2e%2e/%2e%2e/secret.txt',
  ])('keeps dot segments folded by the URL parser inside the folder: %s', (url) => {
    // WHATWG URL resolves these at the root, so they name renderer/secret.txt, which does not exist.
    expect(resolveRendererPath(rendererDir, url)).toBe(join(rendererDir, 'secret.txt'));
  });

  it('never resolves outside the folder, whatever the path (property)', () => {
    const segment = fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E.',
      '..%2f',
      '..%5c',
      '%2f',
      'a',
      'assets',
      '%00',
      '\\',
      'C:',
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const resolved = resolveRendererPath(rendererDir, `app://companion/${segments.join('/')}`);
        if (resolved === null) return true;
        const inside = relative(rendererDir, resolved);
        return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
      }),
    );
  });

  it.each([
    'app://companion/..%2fsecret.txt',
    'app://companion/..%5csecret.txt',
    'app://companion/assets\\..\\..\\secret.txt',
    'app://companion/C:/Windows/win.ini',
    'app://companion/%00index.html',
    'app://companion/%E0%A4%A',
    'app://other/index.html',
    'https://companion/index.html',
  ])('refuses %s', (url) => {
    expect(resolveRendererPath(rendererDir, url)).toBeNull();
  });
});

describe('the app:// handler', () => {
  it('serves files with their type and the security headers', async () => {
    const handle = createAppProtocolHandler({ rendererDir });
    const response = await handle(new Request('app://companion/assets/index-abc.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const index = await handle(new Request('app://companion/'));
    expect(index.headers.get('content-type')).toBe('text/html');
  });

  it('answers 404 for traversal and missing files, 405 for writes, without reading outside', async () => {
    const read: string[] = [];
    const handle = createAppProtocolHandler({
      rendererDir,
      readFile: async (path) => {
        read.push(path);
        throw new Error('missing');
      },
    });
    expect((await handle(new Request('app://companion/..%2fsecret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://companion/nope.js'))).status).toBe(404);
    const post = await handle(new Request('app://companion/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(read).toEqual([join(rendererDir, 'nope.js')]);
  });

  it('answers HEAD without a body', async () => {
    const handle = createAppProtocolHandler({ rendererDir });
    const response = await handle(new Request('app://companion/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe('33');
    expect(await response.text()).toBe('');
  });
});
