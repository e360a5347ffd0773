import { parseArgs } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import type { CliContext, CommandGroup, Subcommand } from './cli-types';
import { UsageError } from './cli-types';
import { commandTable } from './command-table';

// `cds-companion`: the command line over the same Companion service, data directory and vault as
// the desktop app. Exit 0 on success, 2 on usage errors, 1 on failure with one line on stderr.
// Heavy modules (the Companion, undici, oauth4webapi) load only once a command runs.

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
CDS_COMPANION_PASSPHRASE.
`;

interface GlobalOptions {
  dataDir?: string;
  caFile?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

/** Takes the global options out of argv wherever they appear. */
function splitGlobals(argv: readonly string[]): GlobalOptions {
  const result: GlobalOptions = { json: false, help: false, version: false, rest: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') {
      result.rest.push(...argv.slice(i));
      break;
    }
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    if (flag === '--json') result.json = true;
    else if (flag === '--help' || flag === '-h') result.help = true;
    else if (flag === '--version') result.version = true;
    else if (flag === '--data-dir' || flag === '--ca-file') {
      const value = inline ?? argv[i + 1];
      if (inline === undefined) i += 1;
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
      if (flag === '--data-dir') result.dataDir = value;
      else result.caFile = value;
    } else result.rest.push(arg);
  }
  return result;
}

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

export async function runCli(
  argv: readonly string[],
  io: { out(text: string): void; err(text: string): void; env: Readonly<Record<string, string | undefined>> },
): Promise<number> {
  let closeCompanion: (() => Promise<void>) | null = null;
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
    let opening: ReturnType<typeof openCompanion> | null = null;
    const openCompanion = async () => {
      const { openCliCompanion } = await import('./open-companion');
      const companion = await openCliCompanion({
        ...(globals.dataDir === undefined ? {} : { dataDir: globals.dataDir }),
        ...(globals.caFile === undefined ? {} : { caFile: globals.caFile }),
        env: io.env,
        version: pkg.version,
      });
      closeCompanion = companion.close;
      return companion;
    };
    const companion = () => {
      opening ??= openCompanion();
      return opening;
    };
    const context: CliContext = {
      json: globals.json,
      api: async () => (await companion()).api.handlers,
      events: async () => (await companion()).api.events,
    };
    const output = await sub.run(
      context,
      parsed.positionals,
      parsed.values as Record<string, string | boolean | (string | boolean)[] | undefined>,
    );
    io.out(
      globals.json
        ? `${JSON.stringify(output.json, null, 2)}\n`
        : output.text.length > 0
          ? `${output.text}\n`
          : '',
    );
    return 0;
  } catch (error) {
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

const isEntry = (() => {
  const invoked = process.argv[1];
  if (!invoked) return false;
  return /(?:^|[\\/])(?:main\.ts|cds-companion(?:\.js)?)$/.test(invoked);
})();

if (isEntry) {
  const code = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    env: process.env,
  });
  process.exitCode = code;
}
