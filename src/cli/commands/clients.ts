import type { ClientChanges } from '../../shared/ipc/clients-contract';
import { type CommandGroup, UsageError } from '../cli-types';
import { fields, table } from '../format';

const listOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

export const command: CommandGroup = {
  name: 'clients',
  summary: 'Client Objects of a registration (cds-wg1-02 §5).',
  subcommands: {
    list: {
      usage: 'clients list <server>',
      summary: 'Lists every Client Object (with --json: the objects as the Server gave them).',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const clients = await (await context.api())['clients.list'](server as string);
        return {
          json: clients.map((client) => client.object),
          text: table(
            ['CLIENT ID', 'NAME', 'SCOPE', 'STATUS'],
            clients.map((c) => [c.clientId, c.name, c.scope, `${c.status}${c.admin ? ' (admin)' : ''}`]),
          ),
        };
      },
    },
    show: {
      usage: 'clients show <server> <client-id>',
      summary: 'Shows one Client Object and the scopes of its own metadata.',
      positionals: [2, 2],
      run: async (context, [server, clientId]) => {
        const detail = await (await context.api())['clients.get'](server as string, clientId as string);
        return {
          json: detail.object,
          text: [
            fields([
              ['Client id', detail.clientId],
              ['Name', detail.name],
              ['Scope', detail.scope],
              ['Status', `${detail.status} (options: ${detail.statusOptions.join(', ')})`],
              ['Redirect URIs', detail.redirectUris.join(' ') || '-'],
              ['Default redirect', detail.defaultRedirectUri],
              ['Metadata', detail.metadata?.cdsMetadataUrl ?? detail.metadataError],
            ]),
            ...(detail.metadata?.scopes.map((scope) => `  ${scope.id}: ${scope.name}`) ?? []),
          ].join('\n'),
        };
      },
    },
    update: {
      usage:
        'clients update <server> <client-id> [--add-redirect-uri URI] [--remove-redirect-uri URI] [--reset-redirect-uris] [--name NAME] [--status STATUS]',
      summary:
        'Changes a Client Object (the whole object is sent, cds-wg1-02 §5.5); reports fields waiting for review.',
      optionHelp: [
        '--add-redirect-uri URI     add a redirect URI (repeatable)',
        '--remove-redirect-uri URI  remove a redirect URI (repeatable)',
        '--reset-redirect-uris      back to the Server’s default receipt URI',
        '--name NAME                the client name',
        '--status STATUS            one of the Client Object’s status options',
      ],
      options: {
        'add-redirect-uri': { type: 'string', multiple: true },
        'remove-redirect-uri': { type: 'string', multiple: true },
        'reset-redirect-uris': { type: 'boolean' },
        name: { type: 'string' },
        status: { type: 'string' },
      },
      positionals: [2, 2],
      run: async (context, [server, clientId], values) => {
        const changes: ClientChanges = {
          ...(listOf(values['add-redirect-uri']).length
            ? { addRedirectUris: listOf(values['add-redirect-uri']) }
            : {}),
          ...(listOf(values['remove-redirect-uri']).length
            ? { removeRedirectUris: listOf(values['remove-redirect-uri']) }
            : {}),
          ...(values['reset-redirect-uris'] === true ? { resetRedirectUris: true } : {}),
          ...(typeof values.name === 'string' ? { name: values.name } : {}),
          ...(typeof values.status === 'string' ? { status: values.status } : {}),
        };
        if (Object.keys(changes).length === 0)
          throw new UsageError('nothing to change: give at least one option');
        const result = await (await context.api())['clients.update'](
          server as string,
          clientId as string,
          changes,
        );
        return {
          json: result,
          text: result.accepted
            ? `saved; waiting for the Server's review: ${result.pendingFields.join(', ') || 'some fields'}${
                result.reviewMessage ? ` (message ${result.reviewMessage.messageId})` : ''
              }`
            : `saved: ${result.client.clientId}`,
        };
      },
    },
    'request-production': {
      usage: 'clients request-production <server> <client-id>',
      summary:
        'Asks the Server for production access for a sandbox Client Object (a production_request Message).',
      positionals: [2, 2],
      run: async (context, [server, clientId]) => {
        const result = await (await context.api())['clients.requestProduction'](
          server as string,
          clientId as string,
        );
        return {
          json: result,
          text: `requested: message ${result.message.messageId} (${result.message.status})`,
        };
      },
    },
  },
};
