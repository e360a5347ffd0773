import { z } from 'zod';
import { detailFieldModelSchema, detailsFormModelSchema } from '../cds/authorization-details-form';
import { method } from './define';

// User authorization (cds-wg1-02 §8.3, RFC 6749 §4.1 in the system browser, RFC 8252): the
// authorization details form of a scope, starting a flow (loopback redirect or the Server's receipt
// page), finishing it, cancelling it, and the authorizations made from this device. No token, code,
// verifier or state ever appears here.

/** One authorization details field (cds-wg1-02 §3.8) as a form renders it: the shared form model. */
export const detailFieldView = detailFieldModelSchema;
export type DetailFieldView = z.infer<typeof detailFieldView>;

export const authorizationForm = detailsFormModelSchema.extend({
  serverId: z.string(),
  scopeName: z.string(),
  /** The code-flow Client Object the authorization would use; null when none is registered. */
  clientId: z.string().nullable(),
  /** PAR will be used (RFC 9126). */
  usesPar: z.boolean(),
});
export type AuthorizationForm = z.infer<typeof authorizationForm>;

export const authorizationRequest = z.object({
  scopeId: z.string().min(1),
  clientId: z.string().optional(),
  /** Field values by field id, typed as the form says (decimals as text). */
  details: z.record(z.string(), z.unknown()).optional(),
  /** Put this device's public key in the scope's jwk field: responses are then encrypted for it. */
  encrypt: z.boolean().optional(),
  /** `loopback`: back to this app on 127.0.0.1; `receipt`: the Server's receipt page (§4.2). */
  path: z.enum(['loopback', 'receipt']).optional(),
  /** cds-wg1-02 §8.3: authorize this needs_authorization Grant. */
  grantId: z.string().optional(),
  /** cds-wg1-02 §8.3: ask the customer to sign in again. */
  promptLogin: z.boolean().optional(),
  /** False: do not open the browser (the caller shows the URL). */
  openBrowser: z.boolean().optional(),
  timeoutSeconds: z.number().int().min(1).max(3600).optional(),
});
export type AuthorizationRequest = z.infer<typeof authorizationRequest>;

/** Defaults of the optional members (no default is applied by the schema: callers see one type). */
export const AUTHORIZATION_DEFAULTS = {
  path: 'loopback',
  encrypt: false,
  promptLogin: false,
  openBrowser: true,
  timeoutSeconds: 300,
} as const;

export const authorizationFlowView = z.object({
  flowId: z.string(),
  serverId: z.string(),
  path: z.enum(['loopback', 'receipt']),
  /** What the browser opens (with PAR: only client_id and request_uri). */
  url: z.string(),
  redirectUri: z.string(),
  usedPar: z.boolean(),
  clientId: z.string(),
  scopeId: z.string(),
  grantId: z.string().nullable(),
  /** The device key sent in the jwk field, if any. */
  kid: z.string().nullable(),
  startedAt: z.string(),
  expiresAt: z.string(),
});
export type AuthorizationFlowView = z.infer<typeof authorizationFlowView>;

/**
 * An authorization made from this device and the Grant it produced (cds-wg1-02 §8.1), as this
 * device records it (non-secret; the tokens stay in the vault).
 */
export const authorizationRecord = z.object({
  grantId: z.string(),
  clientId: z.string(),
  scopeId: z.string(),
  path: z.enum(['loopback', 'receipt']),
  /** How data is reached: the authorization's own tokens, or the Grant Admin path (§3.3.2). */
  access: z.enum(['user-token', 'grant-admin']),
  /** The device key the Grant's responses are encrypted for, or null. */
  kid: z.string().nullable(),
  authorizedAt: z.string(),
  /** The Grant exactly as the Server gave it when the authorization finished. */
  grant: z.record(z.string(), z.unknown()),
});
export type AuthorizationRecord = z.infer<typeof authorizationRecord>;

/** An authorization of one Server with its Grant's status. */
export const authorizationView = authorizationRecord.extend({
  serverId: z.string(),
  status: z.string(),
});
export type AuthorizationView = z.infer<typeof authorizationView>;

export const authorizationMethods = {
  'authorization.form': method(z.tuple([z.string(), z.string()]), authorizationForm),
  /** Starts a flow: the browser is open (unless asked not to) and, for loopback, the listener runs. */
  'authorization.begin': method(z.tuple([z.string(), authorizationRequest]), authorizationFlowView),
  /** Waits for the flow's Grant; for the receipt path `confirmation` is the receipt page's code. */
  'authorization.complete': method(
    z.tuple([z.string(), z.string(), z.object({ confirmation: z.string().optional() }).optional()]),
    authorizationView,
  ),
  'authorization.cancel': method(z.tuple([z.string(), z.string()]), z.object({ cancelled: z.boolean() })),
  'authorization.list': method(z.tuple([z.string()]), z.array(authorizationView)),
};

export const authorizationEvents = {
  'authorization.changed': z.object({
    serverId: z.string(),
    flowId: z.string(),
    status: z.enum(['waiting', 'completed', 'failed', 'cancelled']),
  }),
};
