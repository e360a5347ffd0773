import { isAbsolute } from 'node:path';
import type { FolderPickerOptions } from './desktop-integration';

// The native folder picker (download destination) and "Show in folder", with Electron's dialog and
// shell injected.

interface OpenDialogResult {
  readonly canceled: boolean;
  readonly filePaths: readonly string[];
}

export interface FolderDialog<W> {
  showOpenDialog(
    window: W,
    options: { title?: string; defaultPath?: string; properties: Array<'openDirectory' | 'createDirectory'> },
  ): Promise<OpenDialogResult>;
}

export function createFolderPicker<W>(
  dialog: FolderDialog<W>,
  currentWindow: () => W | null,
): (options?: FolderPickerOptions) => Promise<string | null> {
  return async (options = {}) => {
    const window = currentWindow();
    if (window === null) return null;
    const result = await dialog.showOpenDialog(window, {
      ...(options.title ? { title: options.title } : {}),
      ...(options.defaultPath ? { defaultPath: options.defaultPath } : {}),
      properties: ['openDirectory', 'createDirectory'],
    });
    const [folder] = result.filePaths;
    return result.canceled || folder === undefined ? null : folder;
  };
}

/** Reveals a file; only absolute paths without NUL are passed on (never a URL or a relative path). */
export function createShowItemInFolder(shell: {
  showItemInFolder(path: string): void;
}): (path: string) => void {
  return (path) => {
    if (!isAbsolute(path) || path.includes('\0')) {
      throw new Error('Show in folder needs an absolute file path');
    }
    shell.showItemInFolder(path);
  };
}
