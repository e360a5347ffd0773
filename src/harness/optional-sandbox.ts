import { access } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface RunningSandbox {
  readonly metadataUrl: string;
  close(): Promise<void>;
}

type StartSandbox = (options: { port: number }) => Promise<RunningSandbox>;

// Where `startSandbox` (src/sandbox, helper B's area) is exported from. Loaded dynamically so the
// harness and the e2e tests run before the sandbox exists; a static import replaces this once it does.
const sandboxModules = ['../sandbox/server.ts', '../sandbox/index.ts', '../sandbox/start-sandbox.ts'];

/** Starts the sandbox CDS Server on a free loopback port, or returns null when it is not built yet. */
export async function startSandboxIfAvailable(): Promise<RunningSandbox | null> {
  for (const relativePath of sandboxModules) {
    const path = fileURLToPath(new URL(relativePath, import.meta.url));
    try {
      await access(path);
    } catch {
      continue;
    }
    const module = (await import(pathToFileURL(path).href)) as { startSandbox?: StartSandbox };
    if (typeof module.startSandbox === 'function') return module.startSandbox({ port: 0 });
  }
  return null;
}
