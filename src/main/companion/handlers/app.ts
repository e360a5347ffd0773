import type { CompanionModuleFactory } from '../companion-module';

/** `app.info`: what the About box, the vault warning and the stored-data problems banner show. */
export const appModule: CompanionModuleFactory = async (core) => ({
  area: 'app',
  handlers: {
    'app.info': async () => ({
      name: 'CDS Companion',
      version: core.version,
      dataDir: core.dataDir,
      vault: { backend: core.vault.backend, persistent: core.vault.persistent, warning: core.vault.warning },
      ...(core.storeProblems().length > 0 ? { storeProblems: [...core.storeProblems()] } : {}),
    }),
  },
});
