/**
 * Builds a benchmark child script (and the engine code it imports) into one plain-Node ES module
 * with vite, so the child runs the BUILT code under plain `node`, as the CLI does, without tsx's
 * loader in its start-up time or memory. Dependencies stay external, as in vite.node.config.ts.
 */
import { builtinModules } from 'node:module';
import { basename, join } from 'node:path';
import { build } from 'vite';
import pkg from '../package.json' with { type: 'json' };

const external = [
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
  ...Object.keys(pkg.dependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

/** Builds `entry` into `outDir` (inside the repo, so node_modules resolves); returns the file. */
export async function buildChild(entry: string, outDir: string): Promise<string> {
  const name = basename(entry).replace(/\.ts$/, '');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: {
        external,
        output: { format: 'esm', entryFileNames: `${name}.mjs`, codeSplitting: false },
      },
    },
  });
  return join(outDir, `${name}.mjs`);
}
