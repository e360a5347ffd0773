import path from 'node:path';
import { parseArgs } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import type { ServiceApi } from '../main/service-api';
import type { CliContext, CliStream, CommandGroup, Subcommand, TerminalInfo } from './cli-types';
import { UsageError } from './cli-types';
import { commandTable } from './command-table';
import { defaultDataDir } from './data-dir';
import { splitGlobals } from './global-options';

// One command line, parsed and run: in the person's own process (main.ts with
// CDS_COMPANION_AGENT=off, help, `decrypt`, `agent`) or in the background Companion that runs it for
// a thin client (agent/agent-server.ts). Exit 0 on success, 2 on usage errors, 1 on failure with one
// line on stderr, 130 when the person aborted it.

const GLOBAL_HELP = `Usage: cds-companion [global options] <command> ...

Commands:
${Object.entries(commandTable)
  .map(([name, entry]) => `  ${name.padEnd(13)}${entry.summary}`)
  .join('\n')}

Global options:
  --data-dir DIR   the data directory (default: the app's, e.g. ~/.config/cds-companion)
  --json           machine-readable output on stdout
  --ca-file PEM    also trust this CA (a self-signed sandbox)
  --help           help for any command
  --version        print the version

Secrets are kept in the OS keychain, or with CDS_COMPANION_VAULT=file in a file encrypted with
CDS_COMPANION_PASSPHRASE. Commands run in a background Companion per data directory (see
cds-companion agent --help); CDS_COMPANION_AGENT=off runs each in its own process.
`;

/** Exit code of a command the person aborted (Ctrl-C): 128 + SIGINT, as a shell reports it. */
export const ABORTED_EXIT_CODE = 130;

function subcommandHelp(group: CommandGroup, name: string, sub: Subcommand): string {
  const options = sub.optionHelp?.length
    ? `\n\nOptions:\n${sub.optionHelp.map((line) => `  ${line}`).join('\n')}`
    : '';
  return `Usage: cds-companion ${sub.usage}\n\n${sub.summary}${options}\n${name === '' ? '' : `\n(see also: cds-companion ${group.name} --help)\n`}`;
}

function groupHelp(group: CommandGroup): string {
  const lines = Object.entries(group.subcommands).map(([, sub]) => `  ${sub.usage}\n      ${sub.summary}`);
  return `Usage: cds-companion ${group.name} <subcommand> ...\n\n${group.summary}\n\n${lines.join('\n')}\n`;
}

function isCdsErrorLike(error: unknown): error is Error & { userMessage: string } {
  return error instanceof Error && typeof (error as { userMessage?: unknown }).userMessage === 'string';
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The person's environment: the vault choice when this process opens the Companion, and CliContext.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The person's working directory (default: this process's). */
  readonly cwd?: string;
  /** The data directory already resolved (the CLI agent's own); else from --data-dir or the default. */
  readonly dataDir?: string;
  readonly stdout?: TerminalInfo;
  readonly stderr?: TerminalInfo;
  /** Aborts the command (Ctrl-C, or the person's terminal went away). */
  readonly signal?: AbortSignal;
  /**
   * The Companion to run against, kept open by its owner (the CLI agent). Without it the command
   * opens one on the data directory on first use and closes it when done.
   */
  readonly companion?: () => Promise<{ readonly api: ServiceApi }>;
}

const stream = (write: (text: string) => void, info: TerminalInfo | undefined): CliStream => ({
  write,
  isTTY: info?.isTTY ?? false,
  columns: info?.columns ?? 0,
});

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let closeCompanion: (() => Promise<void>) | null = null;
  const signal = io.signal ?? new AbortController().signal;
  try {
    const globals = splitGlobals(argv);
    if (globals.version) {
      io.out(`${pkg.version}\n`);
      return 0;
    }
    const [groupName, ...afterGroup] = globals.rest;
    if (groupName === undefined) {
      if (globals.help) {
        io.out(GLOBAL_HELP);
        return 0;
      }
      throw new UsageError('a command is required', GLOBAL_HELP);
    }
    const entry = commandTable[groupName];
    if (!entry) throw new UsageError(`unknown command "${groupName}"`, GLOBAL_HELP);
    const group = await entry.load();
    const nameless = group.subcommands[''];
    const subName = nameless ? '' : afterGroup[0];
    if (subName === undefined) {
      if (globals.help) {
        io.out(groupHelp(group));
        return 0;
      }
      throw new UsageError(`"${groupName}" needs a subcommand`, groupHelp(group));
    }
    const sub = group.subcommands[subName];
    if (!sub) throw new UsageError(`unknown subcommand "${groupName} ${subName}"`, groupHelp(group));
    if (globals.help) {
      io.out(subcommandHelp(group, subName, sub));
      return 0;
    }
    const usage = subcommandHelp(group, subName, sub);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: nameless ? afterGroup : afterGroup.slice(1),
        options: sub.options ?? {},
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message, usage);
    }
    const [min, max] = sub.positionals;
    if (parsed.positionals.length < min || parsed.positionals.length > max) {
      throw new UsageError(
        parsed.positionals.length < min
          ? 'missing arguments'
          : `unexpected argument "${parsed.positionals[max]}"`,
        usage,
      );
    }
    const cwd = io.cwd ?? process.cwd();
    const dataDir =
      io.dataDir ?? path.resolve(cwd, globals.dataDir ?? defaultDataDir(process.platform, io.env));
    const openOwn = async () => {
      const { openCliCompanion } = await import('./open-companion');
      const companion = await openCliCompanion({
        dataDir,
        ...(globals.caFile === undefined ? {} : { caFile: path.resolve(cwd, globals.caFile) }),
        env: io.env,
        version: pkg.version,
      });
      closeCompanion = companion.close;
      return companion;
    };
    let opening: Promise<{ readonly api: ServiceApi }> | null = null;
    const companion = () => {
      opening ??= io.companion ? io.companion() : openOwn();
      return opening;
    };
    const context: CliContext = {
      json: globals.json,
      api: async () => (await companion()).api.handlers,
      events: async () => (await companion()).api.events,
      cwd,
      dataDir,
      out: stream(io.out, io.stdout),
      err: stream(io.err, io.stderr),
      env: io.env,
      signal,
    };
    const output = await sub.run(
      context,
      parsed.positionals,
      parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>,
    );
    signal.throwIfAborted();
    io.out(
      globals.json
        ? `${JSON.stringify(output.json, null, 2)}\n`
        : output.text.length > 0
          ? `${output.text}\n`
          : '',
    );
    return 0;
  } catch (error) {
    if (signal.aborted && error === signal.reason) return ABORTED_EXIT_CODE;
    if (error instanceof UsageError) {
      io.err(`cds-companion: ${error.message}\n${error.usage ? `\n${error.usage}` : ''}`);
      return 2;
    }
    const message = isCdsErrorLike(error)
      ? error.userMessage
      : error instanceof Error
        ? error.message
        : 'the command failed';
    io.err(`cds-companion: ${message.replace(/\s+/g, ' ').trim()}\n`);
    return 1;
  } finally {
    const close = closeCompanion as (() => Promise<void>) | null;
    if (close) await close().catch(() => undefined);
  }
}
