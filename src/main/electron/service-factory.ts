import type { CreateCompanionOptions } from '../companion/companion';
import type { CreateService, DesktopService } from './desktop-integration';

// The desktop app's service: the Electron-free Companion (src/main/companion) opened on the app's
// data folder, with the shell's hardened browser opener. The Companion is loaded lazily so this
// adapter is tested with a stand-in, without opening a store or a keychain.

interface CompanionLike {
  readonly api: Pick<DesktopService, 'handlers' | 'events'>;
  readonly startProblems: readonly string[];
  close(): Promise<void>;
}

export type OpenCompanion = (options: CreateCompanionOptions) => Promise<CompanionLike>;

const openRealCompanion: OpenCompanion = async (options) => {
  const { createCompanion } = await import('../companion/companion');
  return createCompanion(options);
};

export function createCompanionServiceFactory(open: OpenCompanion = openRealCompanion): CreateService {
  return async (integration) => {
    const companion = await open({
      dataDir: integration.dataDir,
      version: integration.appVersion,
      // The vault choice (CDS_COMPANION_VAULT) and its passphrase come from the environment.
      env: process.env,
      openExternal: integration.openExternal,
      // files.pickFolder and files.showInFolder (the service allows only files in chosen folders).
      pickFolder: integration.pickFolder,
      showItemInFolder: integration.showItemInFolder,
    });
    // Problems met at start (an interrupted secret rotation that could not finish yet, an unreadable
    // cache) are shown, not just logged: the person may need to act on them.
    for (const problem of companion.startProblems) {
      integration.notify({ title: 'CDS Companion started with a problem', body: problem });
    }
    return {
      handlers: companion.api.handlers,
      events: companion.api.events,
      close: () => companion.close(),
    };
  };
}
