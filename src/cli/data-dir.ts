import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The app's data directory, the same as Electron's `userData` for the app name `cds-companion`:
 * ~/.config/cds-companion (Linux, or $XDG_CONFIG_HOME), ~/Library/Application Support/cds-companion
 * (macOS), %APPDATA%\cds-companion (Windows).
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  const name = 'cds-companion';
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', name);
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), name);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), name);
}
