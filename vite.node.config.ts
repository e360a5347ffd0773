import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Plain-Node bundles that never load Electron: the `cds-companion` CLI, the sandbox server and the
// web harness. Dependencies stay external and resolve from node_modules at run time, except the pure
// JavaScript ones the Companion loads at start: bundled, they load in about half the time (Node's ESM
// loader resolves and reads each of their hundreds of files otherwise), and the CLI's background
// Companion starts that much sooner (docs/decisions/0002-cli-agent.md).
const bundled = ['zod', 'jose', 'undici', 'oauth4webapi', 'mime'];
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies).filter((name) => !bundled.includes(name)),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  ssr: { noExternal: bundled },
  // Only undici's Agent (scripts/undici-agent-only.mjs), not its whole index.
  resolve: { alias: [{ find: /^undici$/, replacement: resolve('scripts/undici-agent-only.mjs') }] },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: {
        'cds-companion': resolve('src/cli/main.ts'),
        sandbox: resolve('src/sandbox/cli.ts'),
      },
      external,
      output: {
        format: 'esm',
        entryFileNames: '[name].js',
        banner: (chunk) => (chunk.isEntry ? '#!/usr/bin/env node' : ''),
      },
    },
  },
});
