import { describe, expect, it } from 'vitest';
import { denyAllPermissions, type PermissionSession } from '../../../src/main/electron/session-permissions';

type Handlers = {
  request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
  check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
  device?: Parameters<PermissionSession['setDevicePermissionHandler']>[0];
};

describe('session permissions', () => {
  it('denies every request, check and device permission', () => {
    const handlers: Handlers = {};
    const denied: string[] = [];
    denyAllPermissions(
      {
        setPermissionRequestHandler: (handler) => {
          handlers.request = handler;
        },
        setPermissionCheckHandler: (handler) => {
          handlers.check = handler;
        },
        setDevicePermissionHandler: (handler) => {
          handlers.device = handler;
        },
      },
      (permission) => denied.push(permission),
    );
    const asked = ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal'];
    const answers: boolean[] = [];
    for (const permission of asked) handlers.request?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual(asked.map(() => false));
    expect(denied).toEqual(asked);
    expect(handlers.check?.({}, 'clipboard-sanitized-write')).toBe(false);
    expect(handlers.device?.({ deviceType: 'usb' })).toBe(false);
  });
});
