import type { z } from 'zod';
import { activityEvents, activityMethods } from './activity-contract';
import { appEvents, appMethods } from './app-contract';
import { authorizationEvents, authorizationMethods } from './authorization-contract';
import { clientsEvents, clientsMethods } from './clients-contract';
import { credentialsEvents, credentialsMethods } from './credentials-contract';
import { dataMethods } from './data-contract';
import type { MethodSpec } from './define';
import { desktopEvents, desktopMethods } from './desktop-contract';
import { filesEvents, filesMethods } from './files-contract';
import { grantsEvents, grantsMethods } from './grants-contract';
import { keysEvents, keysMethods } from './keys-contract';
import { messagesEvents, messagesMethods } from './messages-contract';
import { registrationMethods } from './registration-contract';
import { serversEvents, serversMethods } from './servers-contract';
import { settingsEvents, settingsMethods } from './settings-contract';
import { syncEvents, syncMethods } from './sync-contract';

export type { AppInfo } from './app-contract';
export { appInfo } from './app-contract';
export type { MethodSpec } from './define';

/**
 * The IPC contract (STYLE.md 2): one map of invoke methods and one map of events, namespaced and
 * verb-first (`servers.add`, event `messages.changed`), assembled from one file per area
 * (`<area>-contract.ts`). The preload exposes exactly these names, the main-side binding validates
 * every call against these schemas, and the renderer derives its types from them. Result schemas
 * describe view models only: no field here may ever carry a secret (SECURITY.md "Secrets").
 */
export const methods = {
  ...appMethods,
  ...serversMethods,
  ...registrationMethods,
  ...clientsMethods,
  ...credentialsMethods,
  ...messagesMethods,
  ...grantsMethods,
  ...filesMethods,
  ...syncMethods,
  ...authorizationMethods,
  ...keysMethods,
  ...dataMethods,
  ...settingsMethods,
  ...activityMethods,
  ...desktopMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...appEvents,
  ...serversEvents,
  ...clientsEvents,
  ...credentialsEvents,
  ...messagesEvents,
  ...grantsEvents,
  ...filesEvents,
  ...syncEvents,
  ...authorizationEvents,
  ...keysEvents,
  ...settingsEvents,
  ...activityEvents,
  ...desktopEvents,
} as const satisfies Record<string, z.ZodType>;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
/** What a caller passes (fields with defaults may be omitted). */
export type MethodArgs<M extends MethodName> = z.input<Methods[M]['args']>;
/** What a handler receives: the arguments after the contract's schema parsed them. */
export type HandlerArgs<M extends MethodName> = z.output<Methods[M]['args']>;
export type MethodResult<M extends MethodName> = z.infer<Methods[M]['result']>;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;

export const methodNames = Object.keys(methods) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];
