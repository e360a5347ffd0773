import { z } from 'zod';
import { openEnum } from './open-enum';
import { authorizationDetailsSchema } from './primitives';

/**
 * Successful token response (RFC 6749 §5.1), with `authorization_details` (RFC 9396 §7) as the
 * Grant Admin flow returns it (cds-wg1-02 §12.19). Holds secrets: never log or persist it whole.
 */
export const tokenResponseSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  expires_in: z.number().nonnegative().optional(),
  refresh_token: z.string().optional(),
  scope: z.string().optional(),
  authorization_details: authorizationDetailsSchema.optional(),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;

/**
 * OAuth error codes: RFC 6749 §5.2 and §4.1.2.1, RFC 7591 §3.2.2, RFC 9396 §5, RFC 9126 §2.3, and
 * the two CDS codes of cds-wg1-02 §8.3.
 */
export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'unsupported_response_type',
  'server_error',
  'temporarily_unavailable',
  'invalid_redirect_uri',
  'invalid_client_metadata',
  'invalid_software_statement',
  'unapproved_software_statement',
  'invalid_authorization_details',
  'invalid_request_uri',
  'invalid_request_object',
  'invalid_token',
  'insufficient_scope',
  'cds_grant_id_invalid_value',
  'cds_grant_id_invalid_user',
] as const;
export const oauthErrorCodeSchema = openEnum(OAUTH_ERROR_CODES);

/** OAuth error response (RFC 6749 §5.2, RFC 7591 §3.2.2). */
export const oauthErrorSchema = z.looseObject({
  error: oauthErrorCodeSchema,
  error_description: z.string().optional(),
  error_uri: z.string().optional(),
});
export type OAuthError = z.infer<typeof oauthErrorSchema>;
