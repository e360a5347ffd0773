import type { ServerOverview, ServerSummary } from '../../../../shared/ipc/servers-contract';

/** What every section of a Server workspace receives (server-sections.ts). */
export interface ServerSectionProps {
  /** The Server as the list knows it (status, unread count), kept fresh by `servers.changed`. */
  readonly server: ServerSummary;
  /** `servers.get`: metadata, scopes, links and the registration, loaded once by the workspace. */
  readonly overview: ServerOverview;
  /** Loads `servers.get` again (after an action that changed the registration, for example). */
  readonly reloadOverview: () => void;
  /** The ids of the workspace's sections, so a section links to another only when it exists. */
  readonly availableSections: readonly string[];
}
