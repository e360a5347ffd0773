import type { EventName, MethodName } from './contract';

// The contract's names alone, free of zod (a type-only import is erased), so the sandboxed preload and
// the web harness's page bridge build window.cds without bundling zod, whose run-time `new Function`
// probe the renderer's CSP reports as an eval violation. The checks below fail to compile when this
// list and contract.ts disagree.

export const methodNames = [
  'app.info',
  'servers.add',
  'servers.addDemo',
  'servers.list',
  'servers.get',
  'servers.remove',
  'servers.sync',
  'servers.syncAll',
  'registration.form',
  'registration.validate',
  'registration.submit',
  'registration.todos',
  'clients.list',
  'clients.get',
  'clients.update',
  'clients.requestProduction',
  'clients.productionStatus',
  'credentials.list',
  'credentials.create',
  'credentials.expire',
  'credentials.rotate',
  'credentials.rotateExpiring',
  'messages.list',
  'messages.get',
  'messages.send',
  'messages.markRead',
  'messages.saveAttachment',
  'messages.counts',
  'grants.list',
  'grants.get',
  'grants.close',
  'grants.change',
  'files.list',
  'files.download',
  'files.cancelDownload',
  'sync.status',
  'sync.setPollingInterval',
  'sync.poll',
  'authorization.form',
  'authorization.begin',
  'authorization.complete',
  'authorization.cancel',
  'authorization.list',
  'keys.show',
  'keys.rotate',
  'data.accounts',
  'settings.get',
  'settings.update',
  'activity.list',
  'files.pickFolder',
  'files.showInFolder',
] as const satisfies readonly MethodName[];

export const eventNames = [
  'server.status',
  'servers.changed',
  'clients.changed',
  'credentials.changed',
  'messages.changed',
  'grants.changed',
  'files.changed',
  'download.progress',
  'sync.polled',
  'authorization.changed',
  'keys.changed',
  'settings.changed',
  'activity.recorded',
  'app.command',
  'messages.received',
  'grants.statusChanged',
  'messages.unreadCount',
] as const satisfies readonly EventName[];

export type { EventName, MethodName };

type MissingMethod = Exclude<MethodName, (typeof methodNames)[number]>;
type MissingEvent = Exclude<EventName, (typeof eventNames)[number]>;
export const namesAreComplete: [MissingMethod, MissingEvent] extends [never, never]
  ? true
  : [MissingMethod, MissingEvent] = true;
