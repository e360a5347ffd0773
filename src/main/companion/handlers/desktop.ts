import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CompanionError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import { downloadFolderOf } from './settings';

// The native folder capabilities (`files.pickFolder`, `files.showInFolder`). "Show in folder" takes
// a path from the renderer, so it is allowed only for an existing file inside a folder the person
// chose: the download folder of the settings or a folder picked in this run (SECURITY.md "The
// desktop shell": the renderer is not trusted with the file system).

const SHELL = 'CDS Companion';

/** True when `child` is `parent` or lies below it (both already resolved). */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

const real = (target: string): Promise<string | null> => realpath(target).catch(() => null);

export const desktopModule: CompanionModuleFactory = async (core) => {
  const picked = new Set<string>();
  return {
    area: 'desktop',
    handlers: {
      'files.pickFolder': async (options) => {
        const folder = await core.desktop.pickFolder({
          ...(options?.title ? { title: options.title } : {}),
          defaultPath: downloadFolderOf(core),
        });
        if (folder === null) return { folder: null };
        const resolved = path.resolve(folder);
        picked.add(resolved);
        return { folder: resolved };
      },
      'files.showInFolder': async (filePath) => {
        const step = 'showing a file in its folder';
        const show = core.desktop.showItemInFolder;
        if (show === null) {
          throw new CompanionError('invalid-argument', 'showing files is not available here', {
            server: SHELL,
            step,
          });
        }
        const refuse = () =>
          new CompanionError('invalid-argument', 'only saved files inside the download folder can be shown', {
            server: SHELL,
            step,
          });
        if (!path.isAbsolute(filePath) || filePath.includes('\0')) throw refuse();
        // Symbolic links resolved on both sides: a link inside the folder to elsewhere is refused.
        const target = await real(path.resolve(filePath));
        if (target === null || !(await stat(target)).isFile()) throw refuse();
        const roots = await Promise.all([downloadFolderOf(core), ...picked].map(real));
        if (!roots.some((root) => root !== null && isInside(root, target))) throw refuse();
        show(target);
        return { path: target };
      },
    },
  };
};
