import type { ClientObject, Credential } from '../../shared/cds/index';
import type { ClientView } from '../../shared/ipc/clients-contract';
import type { CredentialView } from '../../shared/ipc/credentials-contract';
import type { RegistrationFieldView, ScopeView } from '../../shared/ipc/servers-contract';
import type { DiscoveredScope } from '../cds/discovery/scope-classification';
import { splitScopeString } from '../cds/discovery/scope-classification';
import type { RegistrationFieldModel } from '../cds/registration-fields';
import { withoutSecrets } from './client-cache';

// View models (the contract's result schemas): what a person needs to see, never a secret.

export function clientViewOf(
  serverId: string,
  client: ClientObject,
  raw: Record<string, unknown>,
  adminClientId: string | null,
): ClientView {
  return {
    serverId,
    clientId: client.client_id,
    name: client.client_name,
    scope: client.scope,
    scopes: splitScopeString(client.scope),
    admin: client.client_id === adminClientId,
    status: client.cds_status,
    statusOptions: [...client.cds_status_options],
    redirectUris: [...client.redirect_uris],
    defaultRedirectUri: client.cds_default_redirect_uri ?? null,
    userAuthorization: client.response_types.length > 0,
    created: client.cds_created,
    modified: client.cds_modified,
    object: withoutSecrets(raw),
  };
}

export function credentialViewOf(
  serverId: string,
  credential: Credential,
  raw: Record<string, unknown>,
  activeId: string | null,
  nowSeconds: number,
): CredentialView {
  const expiresAt = credential.client_secret_expires_at ?? null;
  const { client_secret: _secret, ...object } = raw;
  return {
    serverId,
    credentialId: credential.credential_id,
    clientId: credential.client_id,
    type: credential.type,
    created: credential.created,
    modified: credential.modified,
    expiresAt,
    expired: expiresAt !== null && expiresAt !== 0 && expiresAt <= nowSeconds,
    active: credential.credential_id === activeId,
    object,
  };
}

export function fieldViewOf(field: RegistrationFieldModel): RegistrationFieldView {
  return {
    id: field.id,
    type: field.type,
    kind: field.kind,
    fieldName: field.fieldName,
    format: field.format,
    required: field.required,
    nullable: field.nullable,
    supported: field.kind === 'after-registration' || field.baseFormat !== null,
    description: field.description,
    documentation: field.documentation,
    maxLength: field.maxLength ?? null,
    maxSize: field.maxSize ?? null,
    amount: field.amount ?? null,
    currency: field.currency ?? null,
    scopes: [...field.scopes],
  };
}

/** Every requirement is either a step after registration or an input without a file (cds-wg1-02 §3.6, §3.7). */
const AFTER_REGISTRATION_TYPES = new Set([
  'internal_review',
  'payment_required',
  'email_verification',
  'sso_verification',
  'online_form',
  'pdf_form',
]);

/**
 * Every requirement is a step after registration this app knows (cds-wg1-02 §3.6) or an input it
 * can fill without a file (§3.7): the scopes a registration can ask for with text alone.
 */
export const isPlainlyFillable = (requirements: readonly RegistrationFieldModel[]): boolean =>
  requirements.every((field) =>
    field.kind === 'after-registration'
      ? AFTER_REGISTRATION_TYPES.has(field.type)
      : field.baseFormat !== null &&
        field.baseFormat !== 'image' &&
        field.baseFormat !== 'pdf' &&
        field.baseFormat !== 'purposes' &&
        field.fieldName !== null,
  );

export function scopeViewOf(
  scope: DiscoveredScope,
  requirements: RegistrationFieldModel[],
  optional: RegistrationFieldModel[],
): ScopeView {
  return {
    id: scope.id,
    type: scope.type,
    kind: scope.kind,
    name: scope.name,
    description: scope.description,
    documentation: scope.documentation,
    compatible: scope.compatible,
    registrable: scope.registrable,
    userAuthorization: scope.userAuthorization,
    grantAdminScope: scope.grantAdminScope,
    coverageIds: [...scope.coverageIds],
    requirements: requirements.map(fieldViewOf),
    optional: optional.map(fieldViewOf),
    plainlyFillable: scope.compatible && scope.registrable && isPlainlyFillable(requirements),
  };
}
