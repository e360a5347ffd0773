import { resolve } from 'node:path';
import type { RegistrationFieldView } from '../../shared/ipc/servers-contract';
import { type CommandGroup, UsageError } from '../cli-types';
import { table } from '../format';

const USAGE =
  'register <server> --scopes "ID ID ..." [--client-name NAME] [--field FIELD_NAME=VALUE]... [--field-file FIELD_NAME=PATH]...';

const listOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/** `NAME=VALUE`: the field by its `field_name` (cds-wg1-02 §3.5) or its id. */
function splitAssignment(text: string, option: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0)
    throw new UsageError(`${option} takes FIELD_NAME=VALUE, got "${text}"`, `Usage: cds-companion ${USAGE}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function findField(fields: readonly RegistrationFieldView[], name: string): RegistrationFieldView {
  const field = fields.find((f) => f.fieldName === name) ?? fields.find((f) => f.id === name);
  if (field?.kind !== 'input') {
    const known = fields.filter((f) => f.kind === 'input').map((f) => f.fieldName ?? f.id);
    throw new UsageError(
      `"${name}" is not a registration field of these scopes (fields: ${known.join(', ') || 'none'})`,
    );
  }
  return field;
}

/** A typed value by the field's format (§3.7): booleans from true/false, `null` for `_or_null`, JSON for purposes. */
function valueFor(field: RegistrationFieldView, text: string): unknown {
  const format = field.format ?? 'string';
  if (field.nullable && text === 'null') return null;
  if (format.startsWith('boolean')) {
    if (/^(true|yes|1)$/i.test(text)) return true;
    if (/^(false|no|0)$/i.test(text)) return false;
    throw new UsageError(`${field.fieldName ?? field.id} takes true or false`);
  }
  if (format.startsWith('purposes')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new UsageError(`${field.fieldName ?? field.id} takes a JSON list of purposes`);
    }
  }
  if (format.startsWith('image') || format.startsWith('pdf')) {
    throw new UsageError(
      `${field.fieldName ?? field.id} takes a file: use --field-file ${field.fieldName ?? field.id}=PATH`,
    );
  }
  return text;
}

export const command: CommandGroup = {
  name: 'register',
  summary: 'Registers this app with a Server (cds-wg1-02 §4).',
  subcommands: {
    '': {
      usage: USAGE,
      summary:
        'Registers for the chosen scopes (the Client Admin scope is always added) with the values of their registration fields, checked before sending. Prints the Client Objects created and the steps left to do.',
      optionHelp: [
        '--scopes "ID ID ..."        scope ids (see: servers show <server>)',
        '--client-name NAME          the name customers see',
        '--field FIELD_NAME=VALUE    a registration field value (repeatable)',
        '--field-file FIELD_NAME=PATH a file for an image or PDF field (repeatable)',
      ],
      options: {
        scopes: { type: 'string' },
        'client-name': { type: 'string' },
        field: { type: 'string', multiple: true },
        'field-file': { type: 'string', multiple: true },
      },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const scopes = typeof values.scopes === 'string' ? values.scopes.split(/[\s,]+/).filter(Boolean) : [];
        if (scopes.length === 0)
          throw new UsageError('--scopes is required', `Usage: cds-companion ${USAGE}`);
        const api = await context.api();
        const fields = await api['registration.form'](server as string, scopes);
        const entries: Record<string, unknown> = {};
        for (const text of listOf(values.field)) {
          const [name, value] = splitAssignment(text, '--field');
          const field = findField(fields, name);
          entries[field.id] = valueFor(field, value);
        }
        for (const text of listOf(values['field-file'])) {
          const [name, path] = splitAssignment(text, '--field-file');
          // Read by the Companion, which may be the background one: relative to the person's cwd.
          entries[findField(fields, name).id] = { path: resolve(context.cwd, path) };
        }
        const clientName = typeof values['client-name'] === 'string' ? values['client-name'] : undefined;
        const result = await api['registration.submit'](server as string, {
          scopes,
          ...(clientName ? { clientName } : {}),
          values: entries as Record<string, string>,
        });
        const todos = result.todos.map(
          (todo) => `  [${todo.status}] ${todo.title}${todo.link ? `: ${todo.link.uri}` : ''}`,
        );
        return {
          json: result,
          text: [
            `registered: admin client ${result.adminClientId}`,
            table(
              ['CLIENT ID', 'SCOPE', 'STATUS'],
              result.clients.map((client) => [client.clientId, client.scope, client.status]),
            ),
            ...(todos.length ? ['To do:', ...todos] : []),
            ...result.warnings.map((warning) => `warning: ${warning}`),
          ].join('\n'),
        };
      },
    },
  },
};
