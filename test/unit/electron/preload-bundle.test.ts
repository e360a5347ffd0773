import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { methods } from '../../../src/shared/ipc/contract';

// The built preload (what Electron actually loads) run in a bare context with a fake `electron`:
// a sandboxed preload may require nothing but electron, and it must expose window.cds only.
const root = resolve(import.meta.dirname, '../../..');
const bundle = resolve(root, 'out/preload/index.cjs');

/** The newest modification time among the files the preload bundle is built from. */
function newestSource(): number {
  const dirs = ['src/preload', 'src/shared/ipc'].map((dir) => resolve(root, dir));
  return Math.max(
    ...dirs.flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' }).map(
        (name) => statSync(join(dir, name)).mtimeMs,
      ),
    ),
  );
}

// `npm test` builds before it runs vitest, so in CI the bundle is always fresh and this test always
// runs. A developer running the unit tests alone with no build, or a build older than the contract,
// gets a skip here (run `npx electron-vite build`), not a misleading failure.
const fresh = existsSync(bundle) && statSync(bundle).mtimeMs >= newestSource();

describe('the built preload bundle', () => {
  it.skipIf(!fresh && !process.env.CI)('requires only electron and exposes the contract as cds', () => {
    const code = readFileSync(bundle, 'utf8');
    const exposed = new Map<string, unknown>();
    const required: string[] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { invoke: async () => undefined, on: () => undefined, removeListener: () => undefined },
    };
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
        return electron;
      },
    });
    expect(required).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['cds']);
    const api = exposed.get('cds') as Record<string, Record<string, unknown>>;
    const methodKeys = Object.entries(api)
      .filter(([namespace]) => namespace !== 'on')
      .flatMap(([namespace, verbs]) => Object.keys(verbs).map((verb) => `${namespace}.${verb}`));
    expect(methodKeys.sort()).toEqual(Object.keys(methods).sort());
  });
});
