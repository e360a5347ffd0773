import type { CompanionModuleFactory } from '../companion-module';

/** `app.info`: what the About box and the vault warning banner show. */
export const appModule: CompanionModuleFactory = async (core) => ({
  area: 'app',
  handlers: {
    'app.info': async () => ({
      name: 'CDS Companion',
      version: core.version,
      dataDir: core.dataDir,
      vault: { backend: core.vault.backend, persistent: core.vault.persistent, warning: core.vault.warning },
    }),
  },
});
