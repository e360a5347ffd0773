import { type Message, type RegistrationResponse, registrationResponseSchema } from '../../shared/cds/index';
import { CompanionError } from '../companion/companion-error';
import type { ServerContext } from '../companion/server-context';
import type { TodoRecord } from '../companion/state-schema';
import { effectiveRequest } from './clients';
import { CdsError, type CdsErrorOptions } from './errors';
import { clientSecretKey } from './oauth/vault-keys';
import {
  buildRegistrationFields,
  type RegistrationFieldError,
  type RegistrationFieldModel,
  type RegistrationValue,
  validateRegistrationValues,
} from './registration-fields';

// Client Registration (cds-wg1-02 §4): the request is built from the chosen scopes (the Client
// Admin scope always included, §4.1) and the values of their registration fields, checked by
// format before anything is sent (§3.5–§3.7); the response's inline `client_secret` (§4.2, the only
// one ever sent inline) goes straight to the vault. Requirements that are steps after registration
// (§3.6) become to-do items tracked by the Server's Messages.

export interface RegistrationRequestInput {
  readonly scopes: readonly string[];
  readonly clientName?: string;
  readonly contacts?: readonly string[];
  readonly clientUri?: string;
  readonly logoUri?: string;
  readonly tosUri?: string;
  readonly policyUri?: string;
  /** Keyed by registration field id. */
  readonly values: Readonly<Record<string, RegistrationValue>>;
}

/** A registration refused before sending: one message per field. */
export class RegistrationFieldsError extends CdsError {
  readonly kind = 'registration-field' as const;
  readonly errors: readonly RegistrationFieldError[];
  constructor(errors: readonly RegistrationFieldError[], options: CdsErrorOptions) {
    const list = errors
      .slice(0, 5)
      .map((error) => `${error.fieldName ?? error.fieldId}: ${error.message}`)
      .join(' ');
    super(`some registration fields need attention. ${list}`, options);
    this.errors = errors;
  }
  protected override extraJson(): Record<string, unknown> {
    return { errors: this.errors };
  }
}

/** The scopes to register: the chosen ones, each described and registrable, plus the Client Admin scope. */
export function registrationScopes(context: ServerContext, chosen: readonly string[]): string[] {
  const step = 'choosing the scopes to register';
  const scopes = [...new Set(chosen.map((scope) => scope.trim()).filter((scope) => scope.length > 0))];
  for (const id of scopes) {
    const scope = context.scopes.find((candidate) => candidate.id === id);
    if (!scope?.registrable) {
      throw new CompanionError(
        'invalid-argument',
        `the Server does not offer the scope "${id}" for registration`,
        {
          server: context.ref,
          step,
        },
      );
    }
  }
  // §4.1: the Client Admin scope MUST be part of every registration.
  if (!scopes.some((id) => context.scopes.find((scope) => scope.id === id)?.kind === 'clientAdmin')) {
    scopes.unshift(context.adminScopeId);
  }
  return scopes;
}

export function registrationForm(
  context: ServerContext,
  chosen: readonly string[],
): RegistrationFieldModel[] {
  return buildRegistrationFields(context.oauth, registrationScopes(context, chosen));
}

export interface PreparedRegistration {
  readonly scopes: readonly string[];
  readonly fields: readonly RegistrationFieldModel[];
  readonly errors: readonly RegistrationFieldError[];
  readonly body: Record<string, unknown>;
}

/** Builds and checks the registration request (§4.1) without sending it. */
export async function prepareRegistration(
  context: ServerContext,
  input: RegistrationRequestInput,
): Promise<PreparedRegistration> {
  const scopes = registrationScopes(context, input.scopes);
  const fields = buildRegistrationFields(context.oauth, scopes);
  const checked = await validateRegistrationValues(fields, input.values);
  const body: Record<string, unknown> = {
    scope: scopes.join(' '),
    ...(input.clientName === undefined ? {} : { client_name: input.clientName }),
    ...(input.contacts === undefined ? {} : { contacts: [...input.contacts] }),
    ...(input.clientUri === undefined ? {} : { client_uri: input.clientUri }),
    ...(input.logoUri === undefined ? {} : { logo_uri: input.logoUri }),
    ...(input.tosUri === undefined ? {} : { tos_uri: input.tosUri }),
    ...(input.policyUri === undefined ? {} : { policy_uri: input.policyUri }),
    ...checked.payload,
  };
  return { scopes, fields, errors: checked.errors, body };
}

export interface RegistrationOutcome {
  readonly response: RegistrationResponse;
  readonly scopes: readonly string[];
  readonly todos: readonly TodoRecord[];
}

/**
 * Sends the registration (§4.1) and keeps its admin secret in the vault. The caller records the
 * registration and syncs the Client Objects and Credentials.
 */
export async function submitRegistration(
  context: ServerContext,
  input: RegistrationRequestInput,
): Promise<RegistrationOutcome> {
  const step = 'registering with the Server';
  if (context.record.registration !== null) {
    throw new CompanionError(
      'conflict',
      'this Server already has a registration; remove the Server to register again',
      {
        server: context.ref,
        step,
      },
    );
  }
  const prepared = await prepareRegistration(context, input);
  if (prepared.errors.length > 0) {
    throw new RegistrationFieldsError(prepared.errors, {
      server: context.ref,
      step: 'checking the registration fields',
    });
  }
  const endpoint = context.oauth.registration_endpoint;
  if (endpoint === undefined) {
    throw new CompanionError('invalid-argument', 'the Server publishes no registration endpoint', {
      server: context.ref,
      step,
    });
  }
  // RFC 7591 §3: an unauthenticated POST; never retried (a retry could register twice).
  const response = await context.http.sendJson('POST', endpoint, prepared.body, {
    server: context.ref,
    step,
    schema: registrationResponseSchema,
    what: 'the registration response',
    retry: false,
  });
  const secret = response.client_secret;
  try {
    await context.vault.set(clientSecretKey(context.serverId, response.client_id), secret);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CompanionError(
      'internal',
      `the registration succeeded (client ${response.client_id}) but its secret could not be saved in the secret store, so the app cannot use it; fix the secret store, then remove and add this Server again`,
      {
        server: context.ref,
        step: 'saving the registration secret',
        secrets: [secret],
        cause: typeof code === 'string' ? new Error(code) : error,
      },
    );
  }
  return { response, scopes: prepared.scopes, todos: initialTodos(prepared.fields) };
}

const TODO_TITLES: Record<string, string> = {
  internal_review: 'Review by the Server',
  payment_required: 'Payment',
  email_verification: 'Email verification',
  sso_verification: 'Single sign-on verification',
  online_form: 'Online form',
  pdf_form: 'PDF form',
  payment_request: 'Payment request',
  online_form_request: 'Online form to complete',
  pdf_form_request: 'PDF form to complete',
};

/** §3.6 → the Message type the Server uses to track it (§6.2). */
const TRACKED_BY: Record<string, string> = {
  internal_review: 'production_request',
  payment_required: 'payment_request',
  email_verification: 'online_form_request',
  sso_verification: 'online_form_request',
  online_form: 'online_form_request',
  pdf_form: 'pdf_form_request',
};

/** Request types that are to-dos even when no registration requirement announced them. */
const REQUEST_TYPES = new Set(['payment_request', 'online_form_request', 'pdf_form_request']);

/** One to-do per post-registration requirement of the registered scopes, waiting for its Message. */
export function initialTodos(fields: readonly RegistrationFieldModel[]): TodoRecord[] {
  return fields
    .filter((field) => field.kind === 'after-registration')
    .map((field) => ({
      id: `field:${field.id}`,
      kind: field.type,
      title: TODO_TITLES[field.type] ?? field.type,
      description: field.description,
      status: 'waiting',
      fieldId: field.id,
      messageId: null,
      messageUri: null,
      link: field.documentation ? { uri: field.documentation, type: 'documentation' } : null,
      amount: field.amount ?? null,
      currency: field.currency ?? null,
    }));
}

const byCreated = (a: Message, b: Message) => a.created.localeCompare(b.created);

/**
 * Matches the to-dos with the Server's Messages (§6.2): each requirement takes the oldest unclaimed
 * Message of the type that tracks it; payment, online and PDF form requests nobody announced become
 * to-dos of their own. Status comes from the newest request_update (§6.3).
 */
export function matchTodos(todos: readonly TodoRecord[], messages: readonly Message[]): TodoRecord[] {
  const claimed = new Set<string>();
  const sorted = [...messages].sort(byCreated);
  const link = (message: Message, relatedUri: string | null) =>
    relatedUri ? { uri: relatedUri, type: message.related_type ?? null } : null;
  const result = todos
    .filter((todo) => todo.fieldId !== null)
    .map((todo) => {
      const type = TRACKED_BY[todo.kind];
      const message =
        (todo.messageId && sorted.find((m) => m.message_id === todo.messageId)) ||
        sorted.find((m) => m.type === type && !claimed.has(m.message_id) && m.type !== 'request_update');
      if (!message) return { ...todo };
      claimed.add(message.message_id);
      const effective = effectiveRequest(message, messages);
      return {
        ...todo,
        status: effective.status,
        description: message.description || todo.description,
        messageId: message.message_id,
        messageUri: message.uri,
        link: link(message, message.related_uri ?? null) ?? todo.link,
        amount: message.amount ?? todo.amount,
        currency: message.currency ?? todo.currency,
      };
    });
  for (const message of sorted) {
    if (!REQUEST_TYPES.has(message.type) || claimed.has(message.message_id)) continue;
    const effective = effectiveRequest(message, messages);
    result.push({
      id: `message:${message.message_id}`,
      kind: message.type,
      title: message.name || (TODO_TITLES[message.type] ?? message.type),
      description: message.description,
      status: effective.status,
      fieldId: null,
      messageId: message.message_id,
      messageUri: message.uri,
      link: link(message, message.related_uri ?? null),
      amount: message.amount ?? null,
      currency: message.currency ?? null,
    });
  }
  return result;
}
