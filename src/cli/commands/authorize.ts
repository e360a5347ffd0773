import { spawn } from 'node:child_process';
import { parseDetailText } from '../../main/cds/authorization-details-form';
import type { AuthorizationView, DetailFieldView } from '../../shared/ipc/authorization-contract';
import { type CommandGroup, type OptionValues, UsageError } from '../cli-types';
import { fields } from '../format';

// `authorize`: a customer authorizes access in the system browser (cds-wg1-02 §8.3; RFC 8252),
// through this computer's loopback address or the Server's receipt page (--receipt). The command
// waits until the authorization is finished, then prints the Grant. The browser URL goes to stderr
// so stdout stays the result (a JSON document with --json).

const USAGE =
  'authorize <server> --scope ID [--detail NAME=VALUE]... [--encrypt] [--receipt] [--grant GRANT-ID] [--prompt-login] [--no-open]';

const listOf = (value: OptionValues[string]): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/** The field of `--detail NAME=VALUE`, by id or by its human name. */
function detailValue(formFields: readonly DetailFieldView[], text: string): [string, unknown] {
  const at = text.indexOf('=');
  if (at <= 0)
    throw new UsageError(`--detail takes NAME=VALUE, got "${text}"`, `Usage: cds-companion ${USAGE}`);
  const name = text.slice(0, at);
  const field =
    formFields.find((f) => f.id === name) ??
    formFields.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (!field) {
    throw new UsageError(
      `"${name}" is not an authorization details field of this scope (fields: ${formFields.map((f) => f.id).join(', ') || 'none'})`,
    );
  }
  const parsed = parseDetailText(field, text.slice(at + 1));
  if (!parsed.ok) throw new UsageError(`--detail ${field.id} ${parsed.message} (${field.hint})`);
  return [field.id, parsed.value];
}

/**
 * Opens the system browser (the CLI's own opener; the desktop app uses shell.openExternal) in the
 * person's desktop session: `env` holds their DISPLAY and the like, which a background Companion
 * started from another terminal may lack.
 */
function openBrowser(url: string, env: Readonly<Record<string, string | undefined>>): Promise<boolean> {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args as string[], {
        stdio: 'ignore',
        detached: true,
        env: { ...process.env, ...env },
      });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}

export function describeAuthorization(view: AuthorizationView): string {
  return fields([
    ['Grant', view.grantId],
    ['Status', view.status],
    ['Scope', view.scopeId],
    ['Client', view.clientId],
    ['Path', view.path === 'loopback' ? 'loopback redirect to this computer' : "the Server's receipt page"],
    [
      'Data access',
      view.access === 'user-token' ? 'with this authorization’s own tokens' : 'through the Grant Admin scope',
    ],
    ['Encryption', view.kid === null ? 'none requested' : `responses encrypted for device key ${view.kid}`],
  ]);
}

export const command: CommandGroup = {
  name: 'authorize',
  summary: 'A customer authorizes access in the browser (cds-wg1-02 §8.3).',
  subcommands: {
    '': {
      usage: USAGE,
      summary:
        'Opens the Server’s authorization page in the system browser and waits until the customer has approved, then prints the Grant. By default the browser comes back to this computer (127.0.0.1); --receipt uses the Server’s own receipt page and finds the Grant through the Grants API.',
      optionHelp: [
        '--scope ID              the scope to authorize (see: servers show <server>)',
        '--detail NAME=VALUE     an authorization details field (repeatable; lists comma-separated)',
        '--encrypt               have the Server encrypt the data for this device’s key',
        '--receipt               use the Server’s receipt page instead of a loopback redirect',
        '--confirmation CODE     with --receipt: the confirmation code shown on the receipt page',
        '--grant GRANT-ID        authorize this Grant that needs authorization',
        '--prompt-login          ask the customer to sign in again',
        '--client CLIENT-ID      the Client Object to use (default: the one registered for the scope)',
        '--timeout SECONDS       how long to wait (default 300)',
        '--no-open               print the address instead of opening a browser (and still wait)',
      ],
      options: {
        scope: { type: 'string' },
        detail: { type: 'string', multiple: true },
        encrypt: { type: 'boolean' },
        receipt: { type: 'boolean' },
        confirmation: { type: 'string' },
        grant: { type: 'string' },
        'prompt-login': { type: 'boolean' },
        client: { type: 'string' },
        timeout: { type: 'string' },
        'no-open': { type: 'boolean' },
      },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const scopeId = typeof values.scope === 'string' ? values.scope : '';
        if (scopeId === '') throw new UsageError('--scope is required', `Usage: cds-companion ${USAGE}`);
        const timeout = typeof values.timeout === 'string' ? Number(values.timeout) : 300;
        if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600) {
          throw new UsageError('--timeout takes a number of seconds from 1 to 3600');
        }
        const api = await context.api();
        const serverId = server as string;
        const form = await api['authorization.form'](serverId, scopeId);
        const details: Record<string, unknown> = {};
        for (const text of listOf(values.detail)) {
          const [id, value] = detailValue(form.fields, text);
          details[id] = value;
        }
        const flow = await api['authorization.begin'](serverId, {
          scopeId,
          details,
          encrypt: values.encrypt === true,
          path: values.receipt === true ? 'receipt' : 'loopback',
          promptLogin: values['prompt-login'] === true,
          openBrowser: false,
          timeoutSeconds: timeout,
          ...(typeof values.grant === 'string' ? { grantId: values.grant } : {}),
          ...(typeof values.client === 'string' ? { clientId: values.client } : {}),
        });
        const opened = values['no-open'] === true ? false : await openBrowser(flow.url, context.env);
        context.err.write(
          `${opened ? 'Opened the browser. If it did not appear, open this address:' : 'Open this address in a browser to authorize:'}\n${flow.url}\nWaiting for the authorization (up to ${timeout} s; Ctrl+C cancels)...\n`,
        );
        // Ctrl-C (or the terminal gone) cancels the flow; `complete` then says it was cancelled.
        const cancel = () => {
          void api['authorization.cancel'](serverId, flow.flowId);
        };
        context.signal.addEventListener('abort', cancel, { once: true });
        if (context.signal.aborted) cancel();
        try {
          const done = await api['authorization.complete'](
            serverId,
            flow.flowId,
            typeof values.confirmation === 'string' ? { confirmation: values.confirmation } : {},
          );
          return { json: done, text: describeAuthorization(done) };
        } finally {
          context.signal.removeEventListener('abort', cancel);
        }
      },
    },
  },
};
