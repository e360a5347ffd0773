// `npm run web -- [--port N] [--data-dir DIR] [--renderer-dir DIR]`: the built renderer in any browser,
// over the web harness, with a sandbox CDS Server beside it. Dev and test only (DESIGN.md).
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openVault } from '../main/vault/open-vault';
import { createHarnessToken } from './harness-auth';
import { createHarnessServer } from './harness-server';
import { createHarnessService } from './harness-service';
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
        'Serves the built renderer (run `npm run build` first) on 127.0.0.1 with a sandbox CDS Server.\n',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be 0-65535, got "${values.port}".`);

  const dataDir = values['data-dir']
    ? resolve(values['data-dir'])
    : await mkdtemp(join(tmpdir(), 'cds-companion-web-'));
  const vault = await openVault({ dataDir });
  const sandbox = await startSandboxIfAvailable();
  const service = createHarnessService({ dataDir, vault });
  const harness = await createHarnessServer({
    service,
    rendererDir: values['renderer-dir'],
    port,
    token: createHarnessToken(),
  });

  process.stdout.write(
    [
      'CDS Companion web harness (dev/test only)',
      `  open:      ${harness.entryUrl}`,
      `  data dir:  ${dataDir}`,
      `  vault:     ${vault.backend}${vault.warning ? ` (${vault.warning})` : ''}`,
      `  sandbox:   ${sandbox ? sandbox.metadataUrl : 'not available yet (src/sandbox has no startSandbox)'}`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await harness.close();
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
