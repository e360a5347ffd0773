import { z } from 'zod';

/**
 * Something the store found wrong with its file when it opened. The front ends show these to the
 * user: data is never dropped silently (SECURITY.md "a corrupt file is kept as a backup and
 * reported, never silently replaced").
 * - `corrupt`: the file could not be read as a store file; it was renamed to `backupFile`.
 * - `invalid`: the file parsed but its data failed migration or the schema; renamed to `backupFile`.
 * - `newer_version`: written by a newer CDS Companion; the store opened read-only.
 */
export const storeProblemSchema = z.object({
  kind: z.enum(['corrupt', 'invalid', 'newer_version']),
  file: z.string(),
  message: z.string(),
  backupFile: z.string().optional(),
  fileVersion: z.number().int().optional(),
});

export type StoreProblem = z.infer<typeof storeProblemSchema>;
