import type { CommandGroup } from '../cli-types';
import { fields, table, when } from '../format';

export const command: CommandGroup = {
  name: 'servers',
  summary: 'The CDS Servers this computer connects to.',
  subcommands: {
    add: {
      usage: 'servers add <url> [--name NAME]',
      summary:
        'Adds a Server by its CDS metadata URL, its address, or its authorization server metadata URL; prints its id.',
      optionHelp: ['--name NAME   what to call it (default: the name in its metadata)'],
      options: { name: { type: 'string' } },
      positionals: [1, 1],
      run: async (context, [url], values) => {
        const api = await context.api();
        const name = typeof values.name === 'string' ? values.name : undefined;
        const added = await api['servers.add']({ url: url as string, ...(name ? { name } : {}) });
        return { json: { id: added.id, name: added.name, metadataUrl: added.metadataUrl }, text: added.id };
      },
    },
    list: {
      usage: 'servers list',
      summary: 'Lists the Servers with their status.',
      positionals: [0, 0],
      run: async (context) => {
        const servers = await (await context.api())['servers.list']();
        return {
          json: servers,
          text: table(
            ['ID', 'NAME', 'STATUS', 'REGISTERED', 'ENVIRONMENT', 'UNREAD', 'LAST SYNC'],
            servers.map((s) => [
              s.id,
              s.name,
              s.status,
              s.registered ? 'yes' : 'no',
              s.environment,
              String(s.unreadCount),
              when(s.lastSync),
            ]),
          ),
        };
      },
    },
    show: {
      usage: 'servers show <server>',
      summary: 'Shows a Server: metadata, coverage, scopes and their registration requirements, links.',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const overview = await (await context.api())['servers.get'](server as string);
        const scopes = overview.scopes.map(
          (scope) =>
            `  ${scope.id} (${scope.type})${scope.plainlyFillable ? '' : ' [needs files or steps this app cannot fill]'}\n    ${scope.name}: ${scope.description}${
              scope.requirements.length
                ? `\n    requires: ${scope.requirements.map((f) => f.fieldName ?? `${f.id} (${f.type})`).join(', ')}`
                : ''
            }`,
        );
        const todos =
          overview.registration?.todos.map(
            (todo) => `  [${todo.status}] ${todo.title}${todo.link ? ` ${todo.link.uri}` : ''}`,
          ) ?? [];
        return {
          json: overview,
          text: [
            fields([
              ['Id', overview.id],
              ['Name', overview.name],
              ['Metadata', overview.metadataUrl],
              ['Issuer', overview.issuer],
              ['Status', `${overview.status}${overview.statusMessage ? ` (${overview.statusMessage})` : ''}`],
              [
                'Registered',
                overview.registration ? `yes, admin client ${overview.registration.adminClientId}` : 'no',
              ],
              [
                'Coverage',
                `${overview.coverage.entryCount} entries: ${overview.coverage.entities.join(', ') || '-'}`,
              ],
              ['Last sync', when(overview.lastSync)],
            ]),
            'Scopes:',
            ...scopes,
            ...(todos.length ? ['To do:', ...todos] : []),
            'Links:',
            ...overview.links.map((link) => `  ${link.label}: ${link.uri}`),
          ].join('\n'),
        };
      },
    },
    sync: {
      usage: 'servers sync <server>',
      summary: 'Reads the Server again: metadata, Client Objects, Credentials and the rest.',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const report = await (await context.api())['servers.sync'](server as string);
        if (!report.ok) throw new Error(report.errors.join(' '));
        return {
          json: report,
          text: `synced ${report.serverId}: ${
            Object.entries(report.counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || 'metadata'
          }`,
        };
      },
    },
    remove: {
      usage: 'servers remove <server>',
      summary: 'Revokes its tokens, then deletes its secrets and cached data from this computer.',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const report = await (await context.api())['servers.remove'](server as string);
        const failures = report.revocationFailures.length
          ? ` (${report.revocationFailures.length} revocation(s) failed; local data deleted anyway)`
          : '';
        return {
          json: report,
          text: `removed ${report.name}: ${report.revoked} token(s) revoked${failures}`,
        };
      },
    },
  },
};
