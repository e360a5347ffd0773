import type { DeviceKeys } from '../../shared/ipc/keys-contract';
import type { CommandGroup } from '../cli-types';
import { table, when } from '../format';

// `keys`: this device's encryption key for a Server (cds-wg3-01 §7.4.6). Only the public JWK is
// ever printed; the private key stays in the keychain.

function describeKeys(keys: DeviceKeys): string {
  return [
    `Current key ${keys.current.kid} (created ${when(keys.current.createdAt)})`,
    'Public key (JWK, safe to share):',
    JSON.stringify(keys.current.publicJwk, null, 2),
    '',
    table(
      ['KID', 'STATE', 'CREATED', 'GRANTS'],
      keys.keys.map((key) => [
        key.kid,
        key.current ? 'current' : `replaced ${when(key.retiredAt)}`,
        when(key.createdAt),
        key.grantIds.join(' ') || '-',
      ]),
    ),
  ].join('\n');
}

export const command: CommandGroup = {
  name: 'keys',
  summary: 'show or replace the device key responses are encrypted for',
  subcommands: {
    show: {
      usage: 'keys show <server>',
      summary:
        'Prints the device key (public JWK) and which Grants use which key; creates the key on first use.',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const keys = await (await context.api())['keys.show'](server as string);
        return { json: keys, text: describeKeys(keys) };
      },
    },
    rotate: {
      usage: 'keys rotate <server>',
      summary:
        'Creates a new device key for new authorizations. Grants authorized with the old key keep working with it until the customer authorizes again.',
      positionals: [1, 1],
      run: async (context, [server]) => {
        const keys = await (await context.api())['keys.rotate'](server as string);
        return { json: keys, text: describeKeys(keys) };
      },
    },
  },
};
