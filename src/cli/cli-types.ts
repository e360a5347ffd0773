import type { ParseArgsConfig } from 'node:util';
import type { ServiceEvents, ServiceHandlers } from '../main/service-api';

// The CLI's building blocks: a command group (`servers`, `clients`, ...) holds subcommands; each
// subcommand declares its parseArgs options and returns what to print (docs/architecture.md).

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliContext {
  /** The Companion's handlers, opened on first use (so `--help` never opens the data directory). */
  api(): Promise<ServiceHandlers>;
  /** The same Companion's events (download progress for the bar), opened on first use too. */
  events(): Promise<ServiceEvents>;
  readonly json: boolean;
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
