import { homedir } from 'node:os';
import path from 'node:path';

// The native capabilities a front end lends the Companion (the desktop shell's dialog and shell, the
// web harness's stand-ins). Each arrives already hardened by its front end; the Companion decides
// when a call is allowed (files.showInFolder: only files inside a folder the person chose).

export interface FolderPickOptions {
  readonly title?: string;
  readonly defaultPath?: string;
}

export interface DesktopCapabilities {
  /** The native folder picker; null when the person cancels or the front end has none (CLI). */
  readonly pickFolder: (options?: FolderPickOptions) => Promise<string | null>;
  /** Reveals a file in the file manager; null when the front end cannot (CLI). */
  readonly showItemInFolder: ((filePath: string) => void) | null;
  /** Where downloads go until the person chooses a folder. */
  readonly defaultDownloadFolder: string;
}

export interface DesktopCapabilityOptions {
  readonly pickFolder?: DesktopCapabilities['pickFolder'];
  readonly showItemInFolder?: (filePath: string) => void;
  readonly defaultDownloadFolder?: string;
}

/** The system Downloads folder (the usual default of every desktop platform). */
export const systemDownloadFolder = (): string => path.join(homedir(), 'Downloads');

export function desktopCapabilities(options: DesktopCapabilityOptions = {}): DesktopCapabilities {
  return {
    pickFolder: options.pickFolder ?? (async () => null),
    showItemInFolder: options.showItemInFolder ?? null,
    defaultDownloadFolder: path.resolve(options.defaultDownloadFolder ?? systemDownloadFolder()),
  };
}
