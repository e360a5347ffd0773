import type { RendererStores } from './renderer-stores';

/**
 * Opens a Server's workspace: the selection lives in the servers store (cleared when the Server is
 * removed), the view and section in the navigation store. One action so the two never disagree.
 */
export function openServer(
  stores: Pick<RendererStores, 'servers' | 'navigation'>,
  serverId: string,
  section?: string,
): void {
  stores.servers.getState().selectServer(serverId);
  const navigation = stores.navigation.getState();
  if (section === undefined) navigation.navigate('server');
  else navigation.openSection(section);
}
