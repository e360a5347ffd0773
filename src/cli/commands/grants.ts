import type { GrantLink, GrantView } from '../../shared/ipc/grants-contract';
import type { CommandGroup } from '../cli-types';
import { fields, table, when } from '../format';

// `cds-companion grants ...` (cds-wg1-02 §8): list with filters, show with plain-words status and
// relations, close.

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
const links = (items: readonly GrantLink[]): string =>
  items.length === 0
    ? '-'
    : items.map((item) => `${item.grantId ?? item.uri}${item.status ? ` (${item.status})` : ''}`).join(', ');

const detailText = (grant: GrantView): string =>
  [
    fields([
      ['Grant', grant.grantId],
      ['Status', `${grant.status}: ${grant.statusLabel}`],
      ['Client', grant.clientId],
      ['Scope', grant.scope],
      ['Enabled scope', grant.enabledScope || '(none)'],
      ['Created', when(grant.created)],
      ['Modified', when(grant.modified)],
      ['Not before', grant.notBefore],
      ['Not after', grant.notAfter],
      ['ETA', grant.eta],
      ['Expires', grant.expires],
      ['Parent', grant.parent ? links([grant.parent]) : '-'],
      ['Children', links(grant.children)],
      ['Replacing', links(grant.replacing)],
      ['Replaced by', links(grant.replacedBy)],
      ['Receipts', grant.receiptConfirmations.join(', ') || '-'],
    ]),
    '',
    grant.statusExplanation,
  ].join('\n');

export const command: CommandGroup = {
  name: 'grants',
  summary: 'Grants of a registration (cds-wg1-02 §8).',
  subcommands: {
    list: {
      usage: 'grants list <server> [--status S] [--scope S] [--client-id C]',
      summary: 'Lists the Grants (with --json: as the Server gave them). Each filter may repeat.',
      optionHelp: [
        '--status S      only Grants with this status',
        '--scope S       only Grants with this scope',
        '--client-id C    only Grants of this Client Object',
      ],
      options: {
        status: { type: 'string', multiple: true },
        scope: { type: 'string', multiple: true },
        'client-id': { type: 'string', multiple: true },
      },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const statuses = list(values.status);
        const scopes = list(values.scope);
        const clientIds = list(values['client-id']);
        const grants = await (await context.api())['grants.list'](server as string, {
          ...(statuses.length > 0 ? { statuses } : {}),
          ...(scopes.length > 0 ? { scopes } : {}),
          ...(clientIds.length > 0 ? { clientIds } : {}),
        });
        return {
          json: grants.map((grant) => grant.object),
          text: table(
            ['GRANT ID', 'STATUS', 'CLIENT ID', 'SCOPE', 'MODIFIED'],
            grants.map((g) => [g.grantId, g.status, g.clientId, g.scope, when(g.modified)]),
          ),
        };
      },
    },
    show: {
      usage: 'grants show <server> <grant-id>',
      summary: 'Shows a Grant: its status in plain words, dates, parent, children and replacements.',
      positionals: [2, 2],
      run: async (context, [server, grantId]) => {
        const grant = await (await context.api())['grants.get'](server as string, grantId as string);
        return { json: grant.object, text: detailText(grant) };
      },
    },
    close: {
      usage: 'grants close <server> <grant-id>',
      summary: 'Closes a Grant for good: nothing of it stays reachable (§8.6).',
      positionals: [2, 2],
      run: async (context, [server, grantId]) => {
        const grant = await (await context.api())['grants.close'](server as string, grantId as string);
        return { json: grant.object, text: `closed ${grant.grantId} (${grant.status})` };
      },
    },
  },
};
