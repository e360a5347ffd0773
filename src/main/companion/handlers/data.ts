import { type AccountsView, accountQuery } from '../../../shared/ipc/data-contract';
import { grantAdminRequestFor } from '../../cds/authorization/grant-admin-access';
import { findGrant } from '../../cds/authorization/grant-lookup';
import { type DeviceKeyCandidate, listAccounts } from '../../cds/customer-data';
import type { TokenRequest } from '../../cds/oauth/token-manager';
import { authorizationState } from '../authorization-state';
import { CompanionError } from '../companion-error';
import type { CompanionModuleFactory } from '../companion-module';

// Customer data (cds-wg3-01 §10.1): the Accounts of an authorized Grant, with the authorization's own
// tokens (refreshed from the vault) or through the Grant Admin path (§3.3.2), decrypted on this
// device when the Server encrypted them for its key (cds-wg3-01 §7.4.6).

export const dataModule: CompanionModuleFactory = async (core) => {
  const shared = await authorizationState(core);
  return {
    area: 'data',
    handlers: {
      'data.accounts': async (serverId, input): Promise<AccountsView> => {
        const query = accountQuery.parse(input ?? {});
        const step = 'reading the customer accounts';
        const context = core.context(serverId, step);
        context.requireRegistration(step);
        const records = shared.authorizations.readOrEmpty(context.serverId).records;
        const customerScopes = new Set(
          context.scopes.filter((scope) => scope.kind === 'customerData').map((scope) => scope.id),
        );
        const grantId =
          query.grantId ??
          Object.values(records)
            .filter((entry) => customerScopes.has(entry.scopeId))
            .sort((a, b) => b.authorizedAt.localeCompare(a.authorizedAt))[0]?.grantId;
        if (grantId === undefined) {
          throw new CompanionError(
            'not-found',
            'no customer has authorized access from this device yet; authorize first',
            {
              server: context.ref,
              step,
            },
          );
        }
        const entry = records[grantId];
        let access: TokenRequest;
        let kind: AccountsView['access'];
        if (entry?.access === 'user-token') {
          access = {
            kind: 'user',
            server: context.tokenServer,
            client: context.tokenClient(entry.clientId),
            grantKey: grantId,
          };
          kind = 'user-token';
        } else {
          // A receipt-page authorization or a Server-created Grant: the Grant Admin path.
          const grant = entry
            ? (entry.grant as { grant_id: string; client_id: string; scope: string; enabled_scope: string })
            : await findGrant(context, grantId, step);
          if (!grant) {
            throw new CompanionError(
              'not-found',
              `the Server has no Grant ${grantId} for this registration`,
              { server: context.ref, step },
            );
          }
          access = grantAdminRequestFor(context, grant, step);
          kind = 'grant-admin';
        }
        const preferred = entry?.kid ?? shared.deviceKeys.kidOfGrant(context.serverId, grantId);
        // Only read from the vault when a page is encrypted: the Grant's own key first, then the others kept.
        const keys = async (kid: string | null): Promise<DeviceKeyCandidate[]> => {
          const kids = [
            ...new Set([
              ...(kid ? [kid] : []),
              ...shared.deviceKeys.list(context.serverId).map((info) => info.kid),
            ]),
          ];
          const candidates: DeviceKeyCandidate[] = [];
          for (const each of kids)
            candidates.push({
              kid: each,
              privateJwk: await shared.deviceKeys.privateKey(context.serverId, each),
            });
          return candidates;
        };
        const result = await listAccounts(
          context,
          access,
          {
            ...(query.q === undefined ? {} : { q: query.q }),
            ...(query.accountIds === undefined ? {} : { accountIds: query.accountIds }),
            ...(query.customerNumbers === undefined ? {} : { customerNumbers: query.customerNumbers }),
            ...(query.accountNumbers === undefined ? {} : { accountNumbers: query.accountNumbers }),
            ...(query.accountStatuses === undefined ? {} : { accountStatuses: query.accountStatuses }),
          },
          keys,
          preferred,
        );
        const protection = result.encrypted
          ? `Decrypted on this device with key ${result.kid}.`
          : preferred
            ? 'The Server sent this data without device encryption, although the authorization carried this device’s key.'
            : 'Sent over HTTPS without device encryption (the authorization did not ask for it).';
        return {
          serverId: context.serverId,
          grantId,
          access: kind,
          accounts: result.accounts.map((account) => ({ ...account })),
          pages: result.pages.map((page) => ({ ...page, headers: { ...page.headers } })),
          encrypted: result.encrypted,
          protection,
          kid: result.kid,
        };
      },
    },
  };
};
