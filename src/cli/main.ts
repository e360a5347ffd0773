import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { commandTable } from './command-table';
import { defaultDataDir } from './data-dir';
import { type GlobalOptions, splitGlobals } from './global-options';
import { ABORTED_EXIT_CODE, runCli } from './run-cli';

// `cds-companion`: the command line over the same Companion service, data directory and vault as
// the desktop app. Exit 0 on success, 2 on usage errors, 1 on failure with one line on stderr.
//
// This entry is a thin client (docs/decisions/0002-cli-agent.md): a command that needs the Companion
// is run by the data directory's background Companion (agent/agent-server.ts, this same script with
// AGENT_SERVE_FLAG), started by the first such command. Help, --version, `decrypt` and `agent` run
// here; so does everything with CDS_COMPANION_AGENT=off. Nothing heavy is imported on the way to the
// agent: the Companion, zod, undici and the command modules load in the agent (or, run here, on use).

export { runCli } from './run-cli';

type Env = Readonly<Record<string, string | undefined>>;

/** The hidden argument that makes this script the agent (agent-client.ts starts it with it). */
const AGENT_SERVE_FLAG = '--agent-serve';
const VAULT_CHOICES = ['', 'auto', 'keychain', 'file', 'memory'];

/** Where a command line runs: here (false), or in the background Companion (true). */
export function runsInAgent(globals: GlobalOptions, env: Env): boolean {
  if (globals.version || globals.help) return false;
  const entry = commandTable[globals.rest[0] ?? ''];
  if (!entry || entry.local) return false;
  // A missing or mistyped subcommand is a usage error, answered here without starting anything.
  if (!entry.subcommands.includes('') && !entry.subcommands.includes(globals.rest[1] ?? '')) return false;
  // The variables of open-vault.ts, not imported: that module loads zod.
  const vault = env.CDS_COMPANION_VAULT?.trim().toLowerCase() ?? '';
  // A vault setting that cannot open fails here exactly as without an agent, before anything is read.
  if (!VAULT_CHOICES.includes(vault) || (vault === 'file' && !env.CDS_COMPANION_PASSPHRASE)) return false;
  return true;
}

const terminal = (stream: NodeJS.WriteStream) => ({
  isTTY: stream.isTTY === true,
  columns: stream.columns ?? 0,
});

/** Runs the command line in this process; Ctrl-C aborts it (a download cancels and cleans up). */
async function runHere(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    controller.abort();
    // A command that cannot be aborted ends with the process, as a Ctrl-C always did.
    setTimeout(() => process.exit(ABORTED_EXIT_CODE), 500).unref();
  };
  process.once('SIGINT', onSigint);
  try {
    return await runCli(argv, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      env: process.env,
      cwd: process.cwd(),
      stdout: terminal(process.stdout),
      stderr: terminal(process.stderr),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  let globals: GlobalOptions;
  try {
    globals = splitGlobals(argv);
  } catch {
    return runHere(argv); // runCli reports the usage error.
  }
  const env = process.env;
  if (!runsInAgent(globals, env)) {
    return runHere(argv);
  }
  const cwd = process.cwd();
  // node:fs, node:net and node:tty load only now: --version and help need none of them.
  const { AgentError, agentDisabled, canonicalDataDir, runThroughAgent, stopAgent, terminalOf } =
    await import('./agent/agent-client');
  try {
    const dataDir = await canonicalDataDir(
      path.resolve(cwd, globals.dataDir ?? defaultDataDir(process.platform, env)),
    );
    if (agentDisabled(env)) {
      // Never two processes on one data directory: a running agent goes first (once idle).
      await stopAgent(dataDir, env);
      return await runHere(argv);
    }
    return await runThroughAgent({
      argv,
      cwd,
      env,
      dataDir,
      caFile: globals.caFile === undefined ? null : path.resolve(cwd, globals.caFile),
      version: pkg.version,
      stdout: { write: (text) => process.stdout.write(text), ...terminalOf(1) },
      stderr: { write: (text) => process.stderr.write(text), ...terminalOf(2) },
      entry: { script: process.argv[1] as string, execArgv: process.execArgv },
    });
  } catch (error) {
    // AgentError, or the socket directory refused: one line, never a stack.
    const message = error instanceof AgentError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`cds-companion: ${message.replace(/\s+/g, ' ').trim()}\n`);
    return 1;
  }
}

const isEntry = (() => {
  const invoked = process.argv[1];
  if (!invoked) return false;
  return /(?:^|[\\/])(?:main\.ts|cds-companion(?:\.js)?)$/.test(invoked);
})();

if (isEntry) {
  if (process.argv[2] === AGENT_SERVE_FLAG) {
    const { serveAgent } = await import('./agent/agent-server');
    await serveAgent();
  } else {
    process.exitCode = await main(process.argv.slice(2));
  }
}
