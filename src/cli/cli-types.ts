import type { ParseArgsConfig } from 'node:util';
import type { ServiceEvents, ServiceHandlers } from '../main/service-api';

// The CLI's building blocks: a command group (`servers`, `clients`, ...) holds subcommands; each
// subcommand declares its parseArgs options and returns what to print (docs/architecture.md).

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A terminal's properties as the command sees them. */
export interface TerminalInfo {
  /** True when it is a terminal (a progress bar is drawn only then). */
  readonly isTTY: boolean;
  /** The terminal's width (0 when unknown). */
  readonly columns: number;
}

/** Where a command writes: the terminal of the person who typed it, wherever the command runs. */
export interface CliStream extends TerminalInfo {
  write(text: string): void;
}

/**
 * Everything a command may know about the person's process. A command may run in a background
 * Companion (the CLI agent, docs/decisions/0002-cli-agent.md) that serves several terminals, so it
 * never reads process.cwd(), process.env or process.stderr: paths are resolved against `cwd`, output
 * goes to `out`/`err`, and `signal` aborts it (Ctrl-C, or the terminal went away).
 */
export interface CliContext {
  /** The Companion's handlers, opened on first use (so `--help` never opens the data directory). */
  api(): Promise<ServiceHandlers>;
  /** The same Companion's events (download progress for the bar), opened on first use too. */
  events(): Promise<ServiceEvents>;
  readonly json: boolean;
  /** The working directory of the command line: relative paths given by the person mean this. */
  readonly cwd: string;
  /** The data directory (--data-dir or the app's), resolved against `cwd`. */
  readonly dataDir: string;
  readonly out: CliStream;
  readonly err: CliStream;
  /** The variables of the person's environment a command may use (e.g. DISPLAY for the browser). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted when the person presses Ctrl-C or the terminal goes away. */
  readonly signal: AbortSignal;
}

/** What a command prints: `json` with --json, else `text` (lines). */
export interface CommandOutput {
  readonly json: unknown;
  readonly text: string;
}

export interface Subcommand {
  /** `clients update <server> <client-id> [options]` */
  readonly usage: string;
  readonly summary: string;
  /** Option lines for --help: `--name NAME   the new name`. */
  readonly optionHelp?: readonly string[];
  readonly options?: OptionSpecs;
  /** Number of required positionals (after the subcommand name) and the most accepted. */
  readonly positionals: readonly [min: number, max: number];
  run(context: CliContext, positionals: readonly string[], values: OptionValues): Promise<CommandOutput>;
}

export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
  /** Subcommands by name; a group with one nameless command (`register`) uses `''`. */
  readonly subcommands: Readonly<Record<string, Subcommand>>;
}

/** A problem with how the command was typed: exit code 2 and the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly usage: string | null;
  constructor(message: string, usage: string | null = null) {
    super(message);
    this.usage = usage;
  }
}
