import type { Grant } from '../../../shared/cds/index';
import type { ServerContext } from '../../companion/server-context';
import { splitScopeString } from '../discovery/scope-classification';
import type { TokenRequest } from '../oauth/token-manager';
import { AuthorizationFlowError } from './flow-errors';

// cds-wg1-02 §3.3.2: a Grant reached without its own tokens (a receipt-page authorization, a
// Server-created Grant) is used through the Grant Admin scope named by its scopes'
// `grant_admin_scope`, with the registration's Grant Admin Client Object.

/** The token request that reaches `grant` through the Grant Admin path. */
export function grantAdminRequestFor(
  context: ServerContext,
  grant: Pick<Grant, 'grant_id' | 'client_id' | 'scope' | 'enabled_scope'>,
  step: string,
): TokenRequest {
  const grantScopes = splitScopeString(grant.enabled_scope || grant.scope);
  const named = context.scopes
    .filter((scope) => grantScopes.includes(scope.id))
    .map((scope) => scope.grantAdminScope)
    .find((id): id is string => typeof id === 'string' && id !== '');
  const adminScopeId = named ?? context.scopes.find((scope) => scope.kind === 'grantAdmin')?.id;
  const adminClient = adminScopeId
    ? context.cachedClients().find((client) => splitScopeString(client.scope).includes(adminScopeId))
    : undefined;
  if (!adminScopeId || !adminClient) {
    throw new AuthorizationFlowError('no-client', {
      server: context.ref,
      step,
      more: 'no Grant Admin Client Object is registered to reach this Grant; sync the Server',
    });
  }
  return {
    kind: 'grant-admin',
    server: context.tokenServer,
    client: context.tokenClient(adminClient.client_id),
    grantAdminScope: adminScopeId,
    clientId: grant.client_id,
    grantId: grant.grant_id,
  };
}
