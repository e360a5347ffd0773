import type { Message } from '../../shared/cds';
import type { RegistrationTodo } from '../../shared/ipc/servers-contract';
import { matchTodos } from '../cds/registration';
import { jsonEqual } from '../store/state-tree';
import type { CompanionCore } from './companion-core';

/**
 * Matches a registered Server's to-dos (the post-registration requirements, cds-wg1-02 §3.6) with
 * the Messages just listed, so every Messages refresh (a sync, the poller, registration itself)
 * keeps them current. The Server record is written only when a to-do changed.
 */
export async function recordTodos(
  core: CompanionCore,
  serverId: string,
  messages: readonly Message[],
): Promise<RegistrationTodo[]> {
  const registration = core.state.read().servers[serverId]?.registration;
  if (!registration) return [];
  const todos = matchTodos(registration.todos, messages);
  if (!jsonEqual(todos, registration.todos)) {
    await core.updateServer(serverId, (draft) => {
      if (draft.registration) draft.registration.todos = todos;
    });
  }
  return todos;
}
