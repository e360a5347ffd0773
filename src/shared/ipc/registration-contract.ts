import { z } from 'zod';
import { clientView } from './clients-contract';
import { method } from './define';
import { registrationFieldView, registrationTodo } from './servers-contract';

/**
 * A registration field value (cds-wg1-02 §3.7): text, yes/no, null for `_or_null` formats, a file
 * (by path on this computer, or Base64 content) for `image`/`pdf`, a list of Purposes (cds-wg3-01 §5.1).
 */
export const registrationValue = z.union([
  z.string(),
  z.boolean(),
  z.null(),
  z.object({ path: z.string() }),
  z.object({ base64: z.string() }),
  z.array(z.unknown()),
]);

export const registrationInput = z.object({
  /** Scope ids from `cds_scope_descriptions`; `cds_client_admin` is added when missing (§4.1). */
  scopes: z.array(z.string()).min(1),
  clientName: z.string().min(1).max(200).optional(),
  contacts: z.array(z.string()).optional(),
  clientUri: z.string().optional(),
  logoUri: z.string().optional(),
  tosUri: z.string().optional(),
  policyUri: z.string().optional(),
  /** Keyed by registration field id (the key of `cds_registration_fields`). */
  values: z.record(z.string(), registrationValue).default({}),
});
export type RegistrationInput = z.input<typeof registrationInput>;

export const registrationFieldError = z.object({
  fieldId: z.string(),
  fieldName: z.string().nullable(),
  message: z.string(),
});

export const registrationCheck = z.object({
  valid: z.boolean(),
  errors: z.array(registrationFieldError),
  fields: z.array(registrationFieldView),
});

export const registrationResult = z.object({
  serverId: z.string(),
  adminClientId: z.string(),
  clients: z.array(clientView),
  todos: z.array(registrationTodo),
  /** Sync problems after a successful registration (the registration itself stands). */
  warnings: z.array(z.string()),
});
export type RegistrationResult = z.infer<typeof registrationResult>;

export const registrationMethods = {
  /** The fields a registration for these scopes asks for (§3.4, §3.5). */
  'registration.form': method(z.tuple([z.string(), z.array(z.string())]), z.array(registrationFieldView)),
  /** Checks values by format without sending anything. */
  'registration.validate': method(z.tuple([z.string(), registrationInput]), registrationCheck),
  'registration.submit': method(z.tuple([z.string(), registrationInput]), registrationResult),
  /** The to-do items after registration, refreshed from the Server's Messages. */
  'registration.todos': method(z.tuple([z.string()]), z.array(registrationTodo)),
};
