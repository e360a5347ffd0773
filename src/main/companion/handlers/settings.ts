import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { SettingsUpdate, SettingsView } from '../../../shared/ipc/settings-contract';
import type { CompanionCore } from '../companion-core';
import { CompanionError, toCdsError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';
import { createRotationScheduler, type RotationScheduler } from '../rotation-scheduler';

// Settings (`settings.get` / `settings.update`): the polling interval (applied through the sync
// area's poller), the rotation policy and its schedule, the download folder; shown beside the data
// folder and the vault the app uses. Stored in the core state (state-schema.ts `settings`).

const SETTINGS = 'CDS Companion';
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** The effective download folder: the chosen one, else the front end's default. */
export function downloadFolderOf(core: CompanionCore): string {
  return core.state.read().settings.downloadFolder ?? core.desktop.defaultDownloadFolder;
}

async function checkedFolder(folder: string, step: string): Promise<string> {
  if (!path.isAbsolute(folder) || folder.includes('\0')) {
    throw new CompanionError('invalid-argument', 'the download folder must be an absolute path', {
      server: SETTINGS,
      step,
    });
  }
  const resolved = path.resolve(folder);
  const info = await stat(resolved).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CompanionError('invalid-argument', `the folder ${resolved} does not exist`, {
      server: SETTINGS,
      step,
    });
  }
  return resolved;
}

function moduleHandler<K extends 'sync.setPollingInterval' | 'credentials.rotateExpiring'>(
  core: CompanionCore,
  name: K,
) {
  for (const module of core.modules()) {
    const handler = module.handlers[name];
    if (handler) return handler;
  }
  return undefined;
}

export const settingsModule: CompanionModuleFactory = async (core) => {
  const scheduler: RotationScheduler = createRotationScheduler({
    policy: () => {
      const { automaticRotation, rotationPolicyDays } = core.state.read().settings;
      return { automatic: automaticRotation, days: rotationPolicyDays };
    },
    run: async (days) => {
      const rotateExpiring = moduleHandler(core, 'credentials.rotateExpiring');
      if (!rotateExpiring) return 0;
      return (await rotateExpiring({ days })).length;
    },
    describe: (error) => toCdsError(error, SETTINGS, 'rotating expiring secrets').userMessage,
    timers: core.timers,
    now: () => core.clock.now(),
    onRun: () => core.events.emit('settings.changed', view()),
  });

  const view = (): SettingsView => {
    const settings = core.state.read().settings;
    const last = scheduler.lastRun;
    return {
      pollingIntervalMinutes: settings.pollingIntervalMinutes,
      rotation: {
        automatic: settings.automaticRotation,
        daysBeforeExpiry: settings.rotationPolicyDays,
        lastRunAt: iso(last?.at ?? null),
        lastRunRotated: last?.rotated ?? null,
        lastRunProblem: last?.problem ?? null,
        nextRunAt: iso(scheduler.nextRunAt),
      },
      downloadFolder: downloadFolderOf(core),
      downloadFolderIsDefault: settings.downloadFolder === null,
      dataDir: core.dataDir,
      vault: { backend: core.vault.backend, persistent: core.vault.persistent, warning: core.vault.warning },
    };
  };

  const update = async (changes: SettingsUpdate): Promise<SettingsView> => {
    const step = 'changing the settings';
    const folder =
      changes.downloadFolder === undefined || changes.downloadFolder === null
        ? changes.downloadFolder
        : await checkedFolder(changes.downloadFolder, step);
    await core.state.update((draft) => {
      if (changes.automaticRotation !== undefined)
        draft.settings.automaticRotation = changes.automaticRotation;
      if (changes.rotationDaysBeforeExpiry !== undefined)
        draft.settings.rotationPolicyDays = changes.rotationDaysBeforeExpiry;
      if (folder !== undefined) draft.settings.downloadFolder = folder;
    });
    if (changes.pollingIntervalMinutes !== undefined) {
      // The sync area owns the poller: its handler stores the interval and reschedules at once.
      const setInterval = moduleHandler(core, 'sync.setPollingInterval');
      if (setInterval) await setInterval(changes.pollingIntervalMinutes);
      else
        await core.state.update((draft) => {
          draft.settings.pollingIntervalMinutes = changes.pollingIntervalMinutes ?? 0;
        });
    }
    scheduler.reschedule();
    const next = view();
    core.events.emit('settings.changed', next);
    return next;
  };

  return {
    area: 'settings',
    handlers: {
      'settings.get': async () => view(),
      'settings.update': update,
    },
    start: async () => scheduler.start(),
    close: async () => scheduler.stop(),
  };
};
