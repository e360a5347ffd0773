import { createCompanion } from '../main/companion/companion';
import { defaultDataDir } from './data-dir';

/** The Companion on the app's data directory (or --data-dir), with the app's vault choice. */
export async function openCliCompanion(options: {
  readonly dataDir?: string;
  readonly caFile?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly version: string;
}) {
  return createCompanion({
    dataDir: options.dataDir ?? defaultDataDir(process.platform, options.env),
    version: options.version,
    env: options.env,
    ...(options.caFile === undefined ? {} : { caFile: options.caFile }),
  });
}
