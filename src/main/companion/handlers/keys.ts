import type { DeviceKeys } from '../../../shared/ipc/keys-contract';
import type { DeviceKeyInfo } from '../../cds/device-key-store';
import { authorizationState } from '../authorization-state';
import type { CompanionModuleFactory } from '../companion-module';

// Device keys (cds-wg3-01 §7.4.6): shown and exported as public JWKs only; replaced on request.
// A replaced key stays in the vault while a Grant still uses it (device-key-store.ts).

const viewOf = (info: DeviceKeyInfo) => ({
  kid: info.kid,
  publicJwk: { ...info.publicJwk },
  createdAt: info.createdAt,
  retiredAt: info.retiredAt,
  current: info.current,
  grantIds: [...info.grantIds],
});

export const keysModule: CompanionModuleFactory = async (core) => {
  const shared = await authorizationState(core);
  const describe = (serverId: string, current: DeviceKeyInfo): DeviceKeys => ({
    serverId,
    current: viewOf(current),
    keys: shared.deviceKeys.list(serverId).map(viewOf),
  });
  return {
    area: 'keys',
    handlers: {
      'keys.show': async (serverId) => {
        const server = core.findServer(serverId, 'showing the device key');
        const current = await shared.deviceKeys.current(server.id);
        return describe(server.id, current);
      },
      'keys.rotate': async (serverId) => {
        const server = core.findServer(serverId, 'replacing the device key');
        const current = await shared.deviceKeys.rotate(server.id);
        core.events.emit('keys.changed', { serverId: server.id });
        return describe(server.id, current);
      },
    },
  };
};
