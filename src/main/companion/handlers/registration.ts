import type { RegistrationResult } from '../../../shared/ipc/registration-contract';
import type { RegistrationTodo } from '../../../shared/ipc/servers-contract';
import { prepareRegistration, registrationForm, submitRegistration } from '../../cds/registration';
import type { RegistrationValue } from '../../cds/registration-fields';
import type { CompanionCore } from '../companion-core';
import type { CompanionModuleFactory } from '../companion-module';
import { syncServer } from '../server-sync';
import { clientViewOf, fieldViewOf } from '../views';
import { messagesRefreshFor } from './messages';

// The registration area (cds-wg1-02 §4): the form for chosen scopes, validation by format, the
// registration itself (admin secret to the vault, then a full sync of Client Objects and
// Credentials) and the to-dos after registration (§3.6) with their Messages.

type InputValues = Readonly<Record<string, RegistrationValue>>;

/** Lists the Server's Messages afresh; the messages area matches the to-dos with them. */
async function refreshTodos(core: CompanionCore, serverId: string): Promise<RegistrationTodo[]> {
  const context = core.context(serverId, 'reading the registration to-dos');
  context.requireRegistration('reading the registration to-dos');
  await messagesRefreshFor(core)(context);
  return todosOf(core, context.serverId);
}

const todosOf = (core: CompanionCore, serverId: string): RegistrationTodo[] => [
  ...(core.state.read().servers[serverId]?.registration?.todos ?? []),
];

export const registrationModule: CompanionModuleFactory = async (core) => ({
  area: 'registration',
  handlers: {
    'registration.form': async (serverId, scopes) => {
      const context = core.context(serverId, 'preparing the registration form');
      return registrationForm(context, scopes).map(fieldViewOf);
    },
    'registration.validate': async (serverId, input) => {
      const context = core.context(serverId, 'checking the registration fields');
      const prepared = await prepareRegistration(context, {
        ...input,
        values: (input.values ?? {}) as InputValues,
      });
      return {
        valid: prepared.errors.length === 0,
        errors: [...prepared.errors],
        fields: prepared.fields.map(fieldViewOf),
      };
    },
    'registration.submit': async (serverId, input): Promise<RegistrationResult> => {
      const context = core.context(serverId, 'registering with the Server');
      const outcome = await submitRegistration(context, {
        ...input,
        values: (input.values ?? {}) as InputValues,
      });
      const registeredAt = new Date(core.clock.now()).toISOString();
      await core.updateServer(context.serverId, (draft) => {
        draft.registration = {
          adminClientId: outcome.response.client_id,
          registeredAt,
          scopes: [...outcome.scopes],
          clientName: input.clientName ?? null,
          todos: [...outcome.todos],
        };
      });
      // §4.2: the other Client Objects and every Credential (their secrets to the vault); the
      // metadata was read moments ago (servers.add). Its Messages refresh matches the to-dos.
      const report = await syncServer(core, context.serverId, { metadata: 'recent' });
      const warnings = [...report.errors];
      const todos = todosOf(core, context.serverId);
      const synced = core.context(context.serverId, 'showing the registration');
      const clients = synced.cachedClients().map((client) => {
        const raw = core.clients.read(context.serverId)?.clients[client.client_id]?.object ?? {};
        return clientViewOf(context.serverId, client, raw, outcome.response.client_id);
      });
      return {
        serverId: context.serverId,
        adminClientId: outcome.response.client_id,
        clients,
        todos,
        warnings,
      };
    },
    'registration.todos': (serverId) =>
      refreshTodos(core, core.findServer(serverId, 'reading the registration to-dos').id),
  },
});
