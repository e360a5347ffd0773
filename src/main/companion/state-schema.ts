import { z } from 'zod';
import {
  coverageSummaryView,
  type RegistrationTodo,
  registrationInfo,
  registrationTodo,
} from '../../shared/ipc/servers-contract';
import type { StoreMigration } from '../store/json-store';

// The Companion's own non-secret state (DESIGN.md "store/"), one versioned JSON file
// (`<dataDir>/state/companion.json`): the Servers, the settings and the rotation journal. Per-area
// caches (Client Objects, Credentials, Messages, ...) live in their own files (area-store.ts).
// Nothing here may hold a secret: no client_secret, no token, no private key (SECURITY.md "Secrets").

/** What the Server said about itself, cached so lists and the CLI work without a round trip. */
export const discoveryCacheSchema = z.object({
  /** CDS Server Metadata (cds-wg1-01 §3.2) as received; null when added by its AS metadata URL. */
  cdsMetadata: z.unknown().nullable(),
  /** Authorization Server Metadata (cds-wg1-02 §3.2) as received; re-validated when loaded. */
  oauthMetadata: z.unknown(),
  oauthMetadataUrl: z.string(),
  coverage: z.object({
    summary: coverageSummaryView,
    complete: z.boolean(),
    error: z.string().nullable(),
  }),
  legacyDraft: z.boolean(),
  warnings: z.array(z.string()),
  fetchedAt: z.string(),
});
export type DiscoveryCache = z.infer<typeof discoveryCacheSchema>;

// A registration's record is exactly the view the contract shows (no secret in either): one schema.
export const todoRecordSchema = registrationTodo;
export type TodoRecord = RegistrationTodo;

/** The result of a registration (cds-wg1-02 §4.2): the admin client_id (its secret is in the vault). */
export const registrationRecordSchema = registrationInfo;
export type RegistrationRecord = z.infer<typeof registrationRecordSchema>;

export const serverRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** What the person typed, kept to re-discover. */
  input: z.string(),
  metadataUrl: z.string().nullable(),
  issuer: z.string(),
  demo: z.boolean(),
  addedAt: z.string(),
  discovery: discoveryCacheSchema,
  registration: registrationRecordSchema.nullable(),
  status: z.enum(['unknown', 'reachable', 'unreachable', 'error']),
  statusMessage: z.string().nullable(),
  lastSync: z.string().nullable(),
  lastSyncError: z.string().nullable(),
});
export type ServerRecord = z.infer<typeof serverRecordSchema>;

/**
 * One secret rotation in progress (SECURITY.md "Data that must not be lost"). Each step is written
 * before the next begins, so a process that dies between two steps is finished or rolled back at
 * the next start (credential-rotation.ts `recoverRotations`).
 */
export const rotationStepSchema = z.enum([
  // Journal written; the new Credential may or may not exist on the Server.
  'started',
  // The new Credential exists (`newCredentialId`); its secret is not yet proven.
  'created',
  // A token request with the new secret succeeded; the vault still holds the old secret.
  'verified',
  // The vault holds the new secret; the old Credential is still valid.
  'saved',
]);
export type RotationStep = z.infer<typeof rotationStepSchema>;

export const rotationEntrySchema = z.object({
  id: z.string(),
  serverId: z.string(),
  clientId: z.string(),
  /** The Credential whose secret the vault held when the rotation started (null: unknown). */
  oldCredentialId: z.string().nullable(),
  /** Every Credential of the client that existed before, to tell an orphan created by a crash. */
  knownCredentialIds: z.array(z.string()),
  newCredentialId: z.string().nullable(),
  step: rotationStepSchema,
  startedAt: z.string(),
  updatedAt: z.string(),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
});
export type RotationEntry = z.infer<typeof rotationEntrySchema>;

export const settingsSchema = z.object({
  /** How often the app syncs every Server (minutes); 0 turns polling off. */
  pollingIntervalMinutes: z.number().int().nonnegative(),
  /** Rotate a secret this many days before it expires (`credentials.rotateExpiring`). */
  rotationPolicyDays: z.number().int().nonnegative(),
  /** Run `credentials.rotateExpiring` on a timer (daily and shortly after start); off by default. */
  automaticRotation: z.boolean(),
  /** The folder downloads go to; null: the system Downloads folder. */
  downloadFolder: z.string().nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const companionStateSchema = z.object({
  servers: z.record(z.string(), serverRecordSchema),
  /** The order the person added the Servers in. */
  serverOrder: z.array(z.string()),
  settings: settingsSchema,
  rotationJournal: z.array(rotationEntrySchema),
});
export type CompanionState = z.infer<typeof companionStateSchema>;

export const COMPANION_STATE_VERSION = 2;

export const defaultCompanionState: CompanionState = {
  servers: {},
  serverOrder: [],
  settings: {
    pollingIntervalMinutes: 15,
    rotationPolicyDays: 14,
    automaticRotation: false,
    downloadFolder: null,
  },
  rotationJournal: [],
};

/** Upgrades of `companion.json`, keyed by the version they upgrade from (json-store). */
export const companionStateMigrations: Readonly<Record<number, StoreMigration>> = {
  // Version 2 added the automatic rotation switch (off, as before) and the download folder (default).
  1: (data) => {
    const state = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
    const settings = (
      typeof state.settings === 'object' && state.settings !== null ? state.settings : {}
    ) as Record<string, unknown>;
    return { ...state, settings: { ...settings, automaticRotation: false, downloadFolder: null } };
  },
};
