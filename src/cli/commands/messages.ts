import { resolve } from 'node:path';
import type { MessageSendInput, MessageView } from '../../shared/ipc/messages-contract';
import { type CommandGroup, UsageError } from '../cli-types';
import { fields, table, when } from '../format';

// `cds-companion messages ...` (cds-wg1-02 §6): list by section, show with its thread, send any
// Client type with attachments, mark read or unread.

const SEND_TYPES = [
  'private_message',
  'support_request',
  'production_request',
  'grant_request',
  'client_submission',
] as const;
const SEND_USAGE =
  'messages send <server> --type TYPE [--subject S] [--body B] [--reply-to MESSAGE-ID] [--related-uri URI] [--client-id C] [--scope S]... [--field FIELD=VALUE]... [--attach PATH]...';

const statusOf = (message: MessageView): string =>
  message.effectiveStatus === message.status
    ? message.status
    : `${message.effectiveStatus} (was ${message.status})`;

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];

export const command: CommandGroup = {
  name: 'messages',
  summary: 'Messages between this app and a Server (cds-wg1-02 §6).',
  subcommands: {
    list: {
      usage: 'messages list <server> [--unread|--outstanding|--read]',
      summary:
        'Lists the Messages, newest first (with --json: as the Server gave them, attachment data left out).',
      optionHelp: [
        '--unread        only unread Messages',
        '--outstanding   only open or pending requests',
        '--read          only read Messages',
      ],
      options: { unread: { type: 'boolean' }, outstanding: { type: 'boolean' }, read: { type: 'boolean' } },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const chosen = (['unread', 'outstanding', 'read'] as const).filter(
          (section) => values[section] === true,
        );
        if (chosen.length > 1)
          throw new UsageError(
            'choose one of --unread, --outstanding and --read',
            'messages list <server> [--unread|--outstanding|--read]',
          );
        const section = chosen[0];
        const result = await (await context.api())['messages.list'](
          server as string,
          section ? { section } : {},
        );
        return {
          json: result.messages.map((message) => message.object),
          text: [
            `${result.unreadCount} unread, ${result.outstandingCount} outstanding`,
            table(
              ['MESSAGE ID', 'TYPE', 'STATUS', 'READ', 'FROM', 'MODIFIED', 'NAME'],
              result.messages.map((m) => [
                m.messageId,
                m.type,
                statusOf(m),
                m.read ? 'yes' : 'no',
                m.fromServer ? 'server' : 'me',
                when(m.modified),
                m.name,
              ]),
            ),
          ].join('\n'),
        };
      },
    },
    show: {
      usage: 'messages show <server> <message-id>',
      summary: 'Shows a Message and its conversation (rebuilt from previous_uri).',
      positionals: [2, 2],
      run: async (context, [server, messageId]) => {
        const detail = await (await context.api())['messages.get'](server as string, messageId as string);
        const m = detail.message;
        const thread = detail.thread.messages
          .map(
            (item) =>
              `${item.messageId === m.messageId ? '>' : ' '} ${when(item.created)}  ${item.fromServer ? 'server' : 'me    '}  ${item.type}  ${statusOf(item)}  ${item.name}`,
          )
          .join('\n');
        return {
          json: m.object,
          text: [
            fields([
              ['Message', m.messageId],
              ['Type', m.type],
              ['Status', statusOf(m)],
              ['Read', m.read ? 'yes' : 'no'],
              ['From', m.fromServer ? 'the Server' : (m.creator ?? '-')],
              ['Created', when(m.created)],
              ['Name', m.name],
              [
                'Related',
                m.relatedUri === null ? null : `${m.relatedUri}${m.relatedType ? ` (${m.relatedType})` : ''}`,
              ],
              ['Amount', m.amount === null ? undefined : `${m.amount} ${m.currency ?? ''}`.trim()],
            ]),
            '',
            m.description,
            ...(m.attachments.length > 0
              ? [
                  '',
                  'Attachments:',
                  ...m.attachments.map(
                    (a) => `  ${a.index + 1}. ${a.filename} (${a.mimeType}, ${a.size} bytes)`,
                  ),
                ]
              : []),
            '',
            'Conversation:',
            thread,
          ].join('\n'),
        };
      },
    },
    send: {
      usage: SEND_USAGE,
      summary: 'Sends a Message; attachments are read from files (10 MB in total at most).',
      optionHelp: [
        `--type TYPE          ${SEND_TYPES.join(', ')}`,
        '--subject S          subject of a private_message or support_request',
        '--body B             the text (for a client_submission with one requested field: its value)',
        '--reply-to ID        the Message this answers (required for a client_submission)',
        '--related-uri URI    the API address a support_request is about',
        '--client-id C        production_request / grant_request: the Client Object meant',
        '--scope S            grant_request: a scope to ask a Grant for (repeatable)',
        '--field FIELD=VALUE  client_submission: the answer for a requested field (repeatable)',
        '--attach PATH        attach a file (repeatable)',
      ],
      options: {
        type: { type: 'string' },
        subject: { type: 'string' },
        body: { type: 'string' },
        'reply-to': { type: 'string' },
        'related-uri': { type: 'string' },
        'client-id': { type: 'string' },
        scope: { type: 'string', multiple: true },
        field: { type: 'string', multiple: true },
        attach: { type: 'string', multiple: true },
      },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const type = values.type;
        if (typeof type !== 'string' || !(SEND_TYPES as readonly string[]).includes(type)) {
          throw new UsageError(`--type must be one of: ${SEND_TYPES.join(', ')}`, SEND_USAGE);
        }
        const updates = list(values.field).map((pair) => {
          const at = pair.indexOf('=');
          if (at <= 0) throw new UsageError(`--field takes FIELD=VALUE, not "${pair}"`, SEND_USAGE);
          const field = pair.slice(0, at);
          const value = pair.slice(at + 1);
          return /^https?:\/\//i.test(value) ? { field, uri: value } : { field, description: value };
        });
        const input: MessageSendInput = {
          type: type as MessageSendInput['type'],
          ...(typeof values.subject === 'string' ? { subject: values.subject } : {}),
          ...(typeof values.body === 'string' ? { body: values.body } : {}),
          ...(typeof values['reply-to'] === 'string' ? { replyTo: values['reply-to'] } : {}),
          ...(typeof values['related-uri'] === 'string' ? { relatedUri: values['related-uri'] } : {}),
          ...(typeof values['client-id'] === 'string' ? { clientId: values['client-id'] } : {}),
          ...(list(values.scope).length > 0
            ? { grantsRequested: list(values.scope).map((scope) => ({ scope })) }
            : {}),
          ...(updates.length > 0 ? { updates } : {}),
          ...(list(values.attach).length > 0
            ? // Read by the Companion, which may be the background one: relative to the person's cwd.
              { attachments: list(values.attach).map((file) => ({ path: resolve(context.cwd, file) })) }
            : {}),
        };
        const sent = await (await context.api())['messages.send'](server as string, input);
        return { json: sent.object, text: `sent ${sent.type} ${sent.messageId} (${sent.status})` };
      },
    },
    'mark-read': {
      usage: 'messages mark-read <server> <message-id> [--unread]',
      summary: 'Marks a Message read (or unread with --unread).',
      optionHelp: ['--unread   mark it unread instead'],
      options: { unread: { type: 'boolean' } },
      positionals: [2, 2],
      run: async (context, [server, messageId], values) => {
        const read = values.unread !== true;
        const view = await (await context.api())['messages.markRead'](
          server as string,
          messageId as string,
          read,
        );
        return { json: view.object, text: `marked ${view.messageId} as ${view.read ? 'read' : 'unread'}` };
      },
    },
  },
};
