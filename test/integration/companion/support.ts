import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Companion,
  type CreateCompanionOptions,
  createCompanion,
} from '../../../src/main/companion/companion';
import { createMemoryVault } from '../../../src/main/vault/memory-vault';
import type { Vault } from '../../../src/main/vault/vault';
import {
  CLIENT_ADMIN_SCOPE,
  CUSTOMER_DATA_SCOPE,
  FILES_SCOPE,
  GRANT_ADMIN_SCOPE,
} from '../../../src/sandbox/index';

/** The sandbox scopes whose requirements are text only (the program scope needs files). */
export const PLAIN_SCOPES = [CLIENT_ADMIN_SCOPE, GRANT_ADMIN_SCOPE, FILES_SCOPE, CUSTOMER_DATA_SCOPE];

export const tempDataDir = (): string => mkdtempSync(path.join(tmpdir(), 'cds-companion-h-'));

export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** A vault that keeps its values across Companion instances (a "restart") and can fail on demand. */
export function sharedVault(): Vault & { failSets: number; values(): string[] } {
  const inner = createMemoryVault('test vault');
  const vault = {
    backend: inner.backend,
    persistent: true,
    warning: null,
    failSets: 0,
    get: (key: string) => inner.get(key),
    set: async (key: string, value: string) => {
      if (vault.failSets > 0) {
        vault.failSets -= 1;
        const error = new Error('Injected keychain failure.') as Error & { code: string };
        error.code = 'write_failed';
        throw error;
      }
      await inner.set(key, value);
      known.add(value);
    },
    delete: (key: string) => inner.delete(key),
    deleteByPrefix: (prefix: string) => inner.deleteByPrefix(prefix),
    values: () => [...known],
  };
  const known = new Set<string>();
  return vault;
}

export function openCompanion(
  dataDir: string,
  vault: Vault,
  extra: Partial<CreateCompanionOptions> = {},
): Promise<Companion> {
  return createCompanion({
    dataDir,
    version: '0.0.0-test',
    vault,
    http: { retry: { attempts: 1 } },
    ...extra,
  });
}

/** Every file under `dir`, as text (a socket, such as the CLI agent's, holds no content to read). */
export function readAllFiles(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const info = statSync(file);
    if (info.isDirectory()) out.push(...readAllFiles(file));
    else if (!info.isSocket()) out.push({ file, text: readFileSync(file, 'utf8') });
  }
  return out;
}
