import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MEMORY_VAULT_WARNING } from '../../../src/main/vault/memory-vault';
import { filesContainingSecret } from '../../unit/vault/scan-for-secret';

// SECURITY.md: "a test with no Secret Service shows the warning and writes no secret to disk". The
// real keychain module runs in a child process whose D-Bus session address points nowhere, as on a
// headless server; HOME and the XDG directories point into the test's root so any file written
// anywhere the app could write is scanned.
const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../../..');
const child = path.join(here, 'open-vault-child.ts');
const run = promisify(execFile);

interface ChildReport {
  ok: boolean;
  backend?: string;
  persistent?: boolean;
  warning?: string | null;
  roundTrip?: boolean;
  code?: string | null;
  message?: string;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'cds-no-secret-service-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function openInChild(
  secret: string,
  extraEnv: Record<string, string>,
): Promise<{ report: ChildReport; stdout: string; stderr: string }> {
  const home = path.join(root, 'home');
  await mkdir(home, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_RUNTIME_DIR: path.join(root, 'runtime'),
    TMPDIR: path.join(root, 'tmp'),
    DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/cds-companion-test-bus',
    CDS_TEST_SECRET: secret,
    ...extraEnv,
  };
  await mkdir(env.TMPDIR as string, { recursive: true });
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', 'tsx', child, path.join(root, 'data')],
    {
      cwd: projectRoot,
      env,
      timeout: 45_000,
    },
  );
  return { report: JSON.parse(stdout) as ChildReport, stdout, stderr };
}

describe('vault with no Secret Service (real @napi-rs/keyring)', () => {
  it('falls back to memory with the warning and writes no secret to disk', async () => {
    const secret = `cs-${randomBytes(16).toString('hex')}`;
    const { report, stdout, stderr } = await openInChild(secret, {});
    expect(report).toMatchObject({ ok: true, backend: 'memory', persistent: false, roundTrip: true });
    expect(report.warning).toContain(MEMORY_VAULT_WARNING);
    // The reason names the missing D-Bus session, so the user knows what to fix.
    expect(report.warning).toMatch(/\(No OS keychain is available \(start-up check\): .*DBus error/);
    expect(await filesContainingSecret(root, secret)).toEqual([]);
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  });

  it('fails loudly when CDS_COMPANION_VAULT=keychain', async () => {
    const secret = `cs-${randomBytes(16).toString('hex')}`;
    const { report } = await openInChild(secret, { CDS_COMPANION_VAULT: 'keychain' });
    expect(report).toMatchObject({ ok: false, code: 'unavailable' });
    expect(report.message).toMatch(/No OS keychain is available/);
    expect(await filesContainingSecret(root, secret)).toEqual([]);
  });
});
