import { z } from 'zod';
import { clientObjectShape, withDefaultName } from './client-object';
import { urlSchema } from './primitives';

/**
 * Client Registration Request (cds-wg1-02 §4.1, RFC 7591 §3.1). `scope` MUST contain the client
 * admin scope; registration fields from `cds_registration_fields` travel as extra `cds_*` members,
 * kept as sent. Servers ignore `redirect_uris`.
 */
export const registrationRequestSchema = z.looseObject({
  scope: z.string(),
  client_name: z.string().optional(),
  client_uri: urlSchema.optional(),
  logo_uri: urlSchema.optional(),
  contacts: z.array(z.string()).optional(),
  tos_uri: urlSchema.optional(),
  policy_uri: urlSchema.optional(),
  redirect_uris: z.array(urlSchema).optional(),
});
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

/**
 * Client Registration Response (cds-wg1-02 §4.2): the `cds_client_admin` Client Object plus the only
 * `client_secret` ever returned inline. The secret goes straight to the vault, never to a log.
 */
export const registrationResponseSchema = z
  .looseObject({
    ...clientObjectShape,
    client_secret: z.string(),
    // RFC 7591 §3.2.1; CDS moves it to the Credentials API but a Server may still send it.
    client_secret_expires_at: z.number().int().optional(),
  })
  .transform(withDefaultName);
export type RegistrationResponse = z.infer<typeof registrationResponseSchema>;
