import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { eventNames, methodNames } from '../shared/ipc/contract';

const bridgeEntry = fileURLToPath(new URL('./bridge-client.ts', import.meta.url));
let cached: Promise<string> | null = null;

/**
 * The page needs only the contract's names, not its zod schemas: this swaps the contract module for
 * its name lists, taken from the real contract here. The bundle stays small and zod-free (zod probes
 * `new Function` at run time, which the renderer's CSP rightly reports as an eval violation).
 */
const contractNamesOnly: Plugin = {
  name: 'contract-names-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/(contract|names)$/ }, (args) =>
      args.importer.includes('/shared/ipc/')
        ? { path: 'contract-names', namespace: 'cds-contract' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'cds-contract' }, () => ({
      contents: `export const methodNames = ${JSON.stringify(methodNames)};\nexport const eventNames = ${JSON.stringify(eventNames)};\n`,
      loader: 'js',
    }));
  },
};

/**
 * Bundles bridge-client.ts (and the shared buildBridge it imports) into one classic script, once per
 * process. esbuild ships with vite and tsx; the harness is dev/test only, so this never reaches the app.
 */
export function bundleBridgeScript(): Promise<string> {
  cached ??= build({
    entryPoints: [bridgeEntry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [contractNamesOnly],
  }).then((result) => {
    const output = result.outputFiles[0];
    if (!output) throw new Error('The harness bridge bundle came out empty.');
    if (/\bzod\b|new Function|\beval\(/.test(output.text)) {
      throw new Error(
        'The harness bridge bundle pulled in zod or eval: keep bridge-client.ts on names only.',
      );
    }
    return output.text;
  });
  cached.catch(() => {
    cached = null;
  });
  return cached;
}
