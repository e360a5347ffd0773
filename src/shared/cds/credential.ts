import { z } from 'zod';
import { openEnum } from './open-enum';
import { datetimeSchema, pageLinkSchema, urlSchema } from './primitives';

/** cds-wg1-02 §7.2 */
export const CREDENTIAL_TYPES = ['client_secret'] as const;
export const credentialTypeSchema = openEnum(CREDENTIAL_TYPES);

/**
 * Credential (cds-wg1-02 §7.1). `client_secret` and `client_secret_expires_at` MUST be present for the
 * `client_secret` type; `0` means "never expires" (§7.6). The secret goes to the vault only.
 */
export const credentialSchema = z
  .looseObject({
    credential_id: z.string(),
    uri: urlSchema,
    client_id: z.string(),
    created: datetimeSchema,
    modified: datetimeSchema,
    type: credentialTypeSchema,
    client_secret: z.string().optional(),
    client_secret_expires_at: z.number().int().nonnegative().optional(),
  })
  .superRefine((credential, ctx) => {
    if (credential.type !== 'client_secret') return;
    for (const key of ['client_secret', 'client_secret_expires_at'] as const) {
      if (credential[key] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is missing (required for a client_secret credential)',
        });
      }
    }
  });
export type Credential = z.infer<typeof credentialSchema>;

/** cds-wg1-02 §7.3 */
export const credentialListingSchema = z.looseObject({
  credentials: z.array(credentialSchema),
  next: pageLinkSchema,
  previous: pageLinkSchema,
});
export type CredentialListing = z.infer<typeof credentialListingSchema>;

/** Body of a Credential creation (cds-wg1-02 §7.5) */
export const credentialCreateRequestSchema = z.looseObject({
  client_id: z.string(),
});
export type CredentialCreateRequest = z.infer<typeof credentialCreateRequestSchema>;

/**
 * Body of a Credential modification (cds-wg1-02 §7.6). Setting the expiry to now or earlier kills the
 * secret and every token issued with it, so rotation creates and verifies the new secret first.
 */
export const credentialModifyRequestSchema = z.looseObject({
  client_secret_expires_at: z.number().int().nonnegative(),
});
export type CredentialModifyRequest = z.infer<typeof credentialModifyRequestSchema>;
