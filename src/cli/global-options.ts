import { UsageError } from './cli-types';

// The options every command accepts, wherever they appear. Read twice: by the thin client in
// main.ts (which must know the data directory, --version and --help before anything heavy loads) and
// by runCli. Kept free of imports beyond cli-types so the thin client stays small.

export interface GlobalOptions {
  dataDir?: string;
  caFile?: string;
  json: boolean;
  help: boolean;
  version: boolean;
  rest: string[];
}

/** Takes the global options out of argv wherever they appear. */
export function splitGlobals(argv: readonly string[]): GlobalOptions {
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
