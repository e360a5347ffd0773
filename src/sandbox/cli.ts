// `npm run sandbox -- [--port N] [--host 127.0.0.1] [--tls] [--state FILE] [--page-size N] [--rate-limit N]`:
// a CDS Server on loopback for demos and tests; runs until interrupted.
import { parseArgs } from 'node:util';
import { startSandbox } from './server';
import { TEST_CUSTOMERS } from './test-accounts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7400' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean', default: false },
    state: { type: 'string' },
    'page-size': { type: 'string' },
    'rate-limit': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run sandbox -- [--port N] [--host 127.0.0.1] [--tls] [--state FILE] [--page-size N] [--rate-limit N per minute]\n',
  );
  process.exit(0);
}

const toInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer.\n`);
    process.exit(2);
  }
  return n;
};

const rate = toInt('rate-limit', values['rate-limit']);
const sandbox = await startSandbox({
  port: toInt('port', values.port) ?? 7400,
  host: values.host,
  tls: values.tls,
  ...(values.state ? { stateFile: values.state } : {}),
  ...(values['page-size'] ? { pageSize: toInt('page-size', values['page-size']) } : {}),
  ...(rate ? { rateLimit: { max: rate, timeWindowMs: 60_000 } } : {}),
});

const lines = [
  'CDS sandbox server (Sandbox Grid Utility) is running.',
  `CDS metadata URL: ${sandbox.metadataUrl}`,
  `Admin token:      ${sandbox.adminToken}`,
  ...(sandbox.caFile ? [`TLS CA file:      ${sandbox.caFile} (trust it explicitly in your client)`] : []),
  values.state
    ? `State file:       ${values.state}`
    : 'State:            in memory (use --state FILE to keep it)',
  'Test accounts (username / password):',
  ...TEST_CUSTOMERS.map((c) => `  ${c.username} / ${c.password}  ${c.name}`),
  'Press Ctrl+C to stop.',
];
process.stdout.write(`${lines.join('\n')}\n`);

const stop = async (): Promise<void> => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
