// `npm run web -- [--port N] [--data-dir DIR] [--renderer-dir DIR]`: the built renderer in any browser,
// over the web harness and the real Companion, with a sandbox CDS Server beside it. Dev and test only
// (DESIGN.md). Secrets stay in memory unless CDS_COMPANION_VAULT chooses another vault.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHarnessToken } from './harness-auth';
import { createHarnessServer } from './harness-server';
import { openHarnessCompanion } from './harness-service';
import { startSandboxIfAvailable } from './optional-sandbox';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string', default: join(repoRoot, 'out/renderer') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run web -- [--port N] [--data-dir DIR] [--renderer-dir DIR]\n' +
        'Serves the built renderer (run `npm run build` first) on 127.0.0.1 over the Companion, with a\n' +
        'sandbox CDS Server. A fresh temporary data directory unless --data-dir; secrets in memory unless\n' +
        'CDS_COMPANION_VAULT says otherwise.\n',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got "${values.port}".`);

  const dataDir = values['data-dir']
    ? resolve(values['data-dir'])
    : await mkdtemp(join(tmpdir(), 'cds-companion-web-'));
  const sandbox = await startSandboxIfAvailable();
  const companion = await openHarnessCompanion({ dataDir, env: process.env });
  const { vault } = companion;
  const harness = await createHarnessServer({
    service: companion.service,
    rendererDir: values['renderer-dir'],
    port,
    token: createHarnessToken(),
    openedUrls: () => companion.openedUrls,
  });

  process.stdout.write(
    [
      'CDS Companion web harness (dev/test only)',
      `  open:      ${harness.entryUrl}`,
      `  data dir:  ${dataDir}`,
      `  vault:     ${vault.backend}${vault.warning ? ` (${vault.warning})` : ''}`,
      `  sandbox:   ${sandbox ? sandbox.metadataUrl : 'not available (src/sandbox has no startSandbox)'}`,
      `  downloads: ${companion.downloadFolder}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await harness.close();
    await companion.close();
    await sandbox?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`cds-companion web: ${(error as Error).message}\n`);
  process.exit(1);
});
