import { z } from 'zod';
import { appInfo } from './app-contract';
import { method } from './define';

/** The automatic secret rotation (SECURITY.md "secret rotation"): policy and the last run. */
export const rotationScheduleView = z.object({
  /** Off: secrets are rotated only when the person asks. */
  automatic: z.boolean(),
  /** Rotate a secret this many days before it expires (`credentials.rotateExpiring`). */
  daysBeforeExpiry: z.number().int().nonnegative(),
  lastRunAt: z.string().nullable(),
  /** How many secrets the last run rotated (null before the first run). */
  lastRunRotated: z.number().int().nonnegative().nullable(),
  /** What went wrong in the last run, in words; null when it went well. */
  lastRunProblem: z.string().nullable(),
  nextRunAt: z.string().nullable(),
});
export type RotationScheduleView = z.infer<typeof rotationScheduleView>;

/** The Settings view model: what the person chooses, and where the app keeps its data. No secret. */
export const settingsView = z.object({
  /** Minutes between background polls; 0 turns polling off. */
  pollingIntervalMinutes: z.number().int().nonnegative(),
  rotation: rotationScheduleView,
  /** Where downloads and saved attachments go by default (the system Downloads folder unless chosen). */
  downloadFolder: z.string(),
  downloadFolderIsDefault: z.boolean(),
  dataDir: z.string(),
  vault: appInfo.shape.vault,
});
export type SettingsView = z.infer<typeof settingsView>;

/** A change to the settings; absent fields stay as they are. */
export const settingsUpdate = z.strictObject({
  pollingIntervalMinutes: z
    .number()
    .int()
    .nonnegative()
    .max(24 * 60)
    .optional(),
  automaticRotation: z.boolean().optional(),
  rotationDaysBeforeExpiry: z.number().int().min(1).max(365).optional(),
  /** An absolute folder path; null goes back to the system Downloads folder. */
  downloadFolder: z.string().min(1).max(4096).nullable().optional(),
});
export type SettingsUpdate = z.infer<typeof settingsUpdate>;

export const settingsMethods = {
  'settings.get': method(z.tuple([]), settingsView),
  'settings.update': method(z.tuple([settingsUpdate]), settingsView),
};

export const settingsEvents = {
  'settings.changed': settingsView,
};
