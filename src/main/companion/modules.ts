import type { CompanionModuleFactory } from './companion-module';
import { activityModule } from './handlers/activity';
import { appModule } from './handlers/app';
import { authorizationModule } from './handlers/authorization';
import { clientsModule } from './handlers/clients';
import { credentialsModule } from './handlers/credentials';
import { dataModule } from './handlers/data';
import { desktopModule } from './handlers/desktop';
import { filesModule } from './handlers/files';
import { grantsModule } from './handlers/grants';
import { keysModule } from './handlers/keys';
import { messagesModule } from './handlers/messages';
import { notificationsModule } from './handlers/notifications';
import { registrationModule } from './handlers/registration';
import { serversModule } from './handlers/servers';
import { settingsModule } from './handlers/settings';
import { syncModule } from './handlers/sync';

/**
 * Every area of the Companion, in the order they open. A new area adds one line here (and its
 * `<area>-contract.ts` spread in src/shared/ipc/contract.ts): see docs/architecture.md.
 */
export const companionModules: readonly CompanionModuleFactory[] = [
  appModule,
  serversModule,
  registrationModule,
  clientsModule,
  credentialsModule,
  messagesModule,
  grantsModule,
  filesModule,
  syncModule,
  authorizationModule,
  keysModule,
  dataModule,
  settingsModule,
  activityModule,
  notificationsModule,
  desktopModule,
];
