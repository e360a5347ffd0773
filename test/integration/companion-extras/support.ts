import type { CreateCompanionOptions } from '../../../src/main/companion/companion';
import { CUSTOMER_DATA_SCOPE, GRANT_ADMIN_SCOPE } from '../../../src/sandbox/index';
import { openRegisteredWorld, type RegisteredWorld } from '../registered-world';

// A Companion registered at a fresh in-process sandbox (real HTTP on 127.0.0.1), recording the
// events the desktop extras emit.

export { eventsNamed } from '../registered-world';

export type ExtrasWorld = RegisteredWorld;

export function extrasWorld(
  extra: Partial<CreateCompanionOptions> = {},
  scopes = [GRANT_ADMIN_SCOPE, CUSTOMER_DATA_SCOPE],
): Promise<ExtrasWorld> {
  return openRegisteredWorld({
    label: 'Extras',
    scopes,
    companion: extra,
    dataDirPrefix: 'cds-extras-',
    events: [
      'messages.changed',
      'grants.changed',
      'messages.received',
      'grants.statusChanged',
      'messages.unreadCount',
      'activity.recorded',
      'settings.changed',
      'credentials.changed',
    ],
  });
}

/** Lets queued event work (file reads behind derived events) finish. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));
