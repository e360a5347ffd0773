import type { RegistrationResult } from '../../../shared/ipc/registration-contract';
import type { RegistrationTodo } from '../../../shared/ipc/servers-contract';
import { readAllMessages } from '../../cds/clients';
import {
  matchTodos,
  prepareRegistration,
  registrationForm,
  submitRegistration,
} from '../../cds/registration';
import type { RegistrationValue } from '../../cds/registration-fields';
import type { CompanionCore } from '../companion-core';
import type { CompanionModuleFactory } from '../companion-module';
import { syncServer } from '../server-sync';
import { clientViewOf, fieldViewOf } from '../views';

// The registration area (cds-wg1-02 §4): the form for chosen scopes, validation by format, the
// registration itself (admin secret to the vault, then a full sync of Client Objects and
// Credentials) and the to-dos after registration (§3.6) with their Messages.

type InputValues = Readonly<Record<string, RegistrationValue>>;

async function refreshTodos(core: CompanionCore, serverId: string): Promise<RegistrationTodo[]> {
  const context = core.context(serverId, 'reading the registration to-dos');
  const registration = context.requireRegistration('reading the registration to-dos');
  const messages = await readAllMessages(context);
  const todos = matchTodos(registration.todos, messages);
  await core.updateServer(context.serverId, (draft) => {
    if (draft.registration) draft.registration.todos = todos;
  });
  return todos;
}

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
      // §4.2: the other Client Objects and every Credential (their secrets to the vault).
      const report = await syncServer(core, context.serverId);
      const warnings = [...report.errors];
      let todos: RegistrationTodo[] = [...outcome.todos];
      try {
        todos = await refreshTodos(core, context.serverId);
      } catch (error) {
        warnings.push(error instanceof Error ? error.message : 'the to-dos could not be read');
      }
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
