import type { CommandGroup } from '../cli-types';
import { table } from '../format';

const expiry = (expiresAt: number | null): string =>
  expiresAt === null ? '-' : expiresAt === 0 ? 'never' : new Date(expiresAt * 1000).toISOString();

export const command: CommandGroup = {
  name: 'credentials',
  summary: 'Client secrets (cds-wg1-02 §7); the secrets themselves stay in the vault.',
  subcommands: {
    list: {
      usage: 'credentials list <server>',
      summary: 'Lists the Credentials (with --json: as the Server gave them, without their secrets).',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const credentials = await (await context.api())['credentials.list'](server as string);
        return {
          json: credentials.map((credential) => credential.object),
          text: table(
            ['CREDENTIAL ID', 'CLIENT ID', 'EXPIRES', 'IN USE'],
            credentials.map((c) => [
              c.credentialId,
              c.clientId,
              c.expired ? 'expired' : expiry(c.expiresAt),
              c.active ? 'yes' : '',
            ]),
          ),
        };
      },
    },
    rotate: {
      usage: 'credentials rotate <server> <client-id>',
      summary: 'Replaces the secret: creates a new one, proves it, saves it, then expires the old one.',
      positionals: [2, 2],
      run: async (context, [server, clientId]) => {
        const result = await (await context.api())['credentials.rotate'](
          server as string,
          clientId as string,
        );
        return {
          json: result,
          text: `rotated ${result.clientId}: now using ${result.newCredentialId}${
            result.expiredCredentialIds.length ? `; expired ${result.expiredCredentialIds.join(', ')}` : ''
          }${result.warning ? `\nwarning: ${result.warning}` : ''}`,
        };
      },
    },
    expire: {
      usage: 'credentials expire <server> <credential-id> [--force]',
      summary: 'Expires a Credential now; the last working secret of a Client Object needs --force.',
      optionHelp: ['--force   expire it even if it is the only working secret'],
      options: { force: { type: 'boolean' } },
      positionals: [2, 2],
      run: async (context, [server, credentialId], values) => {
        const view = await (await context.api())['credentials.expire'](
          server as string,
          credentialId as string,
          {
            force: values.force === true,
          },
        );
        return { json: view.object, text: `expired ${view.credentialId}` };
      },
    },
  },
};
