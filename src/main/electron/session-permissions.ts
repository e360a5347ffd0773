// Every permission a page can ask for (camera, notifications, geolocation, clipboard, HID, serial,
// USB...) is denied on every session: the renderer needs none of them, and the main process does
// notifications, clipboard and file dialogs itself (SECURITY.md "The desktop shell").

/** The parts of Electron's Session the policy sets. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

export function denyAllPermissions(
  session: PermissionSession,
  onDenied?: (permission: string) => void,
): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    onDenied?.(permission);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
