import type { CommandGroup, OptionValues } from '../cli-types';

// `data accounts`: the customer Accounts of an authorized Grant (cds-wg3-01 §10.1), decrypted on
// this device when the Server encrypted them for its key (cds-wg3-01 §7.4.6).

const listOf = (value: OptionValues[string]): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

export const command: CommandGroup = {
  name: 'data',
  summary: 'read customer data of an authorized Grant (decrypted on this device)',
  subcommands: {
    accounts: {
      usage: 'data accounts <server> [--grant GRANT-ID] [--q TEXT] [--account-number N]... [--status S]...',
      summary:
        'Prints the Accounts as JSON, every page read, decrypted on this device when they were encrypted for it. Without --grant: the newest authorization made from this device.',
      optionHelp: [
        '--grant GRANT-ID        the Grant to read',
        '--q TEXT                only Accounts containing TEXT (cds-wg3-01 §10.1.10)',
        '--account-number N      only these account numbers (repeatable)',
        '--status S              only these account statuses (repeatable)',
      ],
      options: {
        grant: { type: 'string' },
        q: { type: 'string' },
        'account-number': { type: 'string', multiple: true },
        status: { type: 'string', multiple: true },
      },
      positionals: [1, 1],
      run: async (context, [server], values) => {
        const numbers = listOf(values['account-number']);
        const statuses = listOf(values.status);
        const view = await (await context.api())['data.accounts'](server as string, {
          ...(typeof values.grant === 'string' ? { grantId: values.grant } : {}),
          ...(typeof values.q === 'string' ? { q: values.q } : {}),
          ...(numbers.length > 0 ? { accountNumbers: numbers } : {}),
          ...(statuses.length > 0 ? { accountStatuses: statuses } : {}),
        });
        const logIds = view.pages
          .map(
            (page) => Object.entries(page.headers).find(([name]) => name.toLowerCase() === 'x-log-id')?.[1],
          )
          .filter((id): id is string => id !== undefined);
        return {
          json: view,
          text: [
            `# Grant ${view.grantId}: ${view.accounts.length} account(s). ${view.protection}${logIds.length ? ` X-Log-ID: ${logIds.join(', ')}` : ''}`,
            JSON.stringify(view.accounts, null, 2),
          ].join('\n'),
        };
      },
    },
  },
};
