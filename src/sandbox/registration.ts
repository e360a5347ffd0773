import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { createClientObject } from './client-objects';
import type { SandboxContext } from './context';
import { jsonBody } from './http-body';
import { newId } from './ids';
import { onboardingFiles } from './onboarding-files';
import { checkRegistrationValue, invalidMetadata, isHttpUrl } from './registration-fields';
import {
  CLIENT_ADMIN_SCOPE,
  FILES_SCOPE,
  PROGRAM_SCOPE,
  registrationFields,
  scopeDescriptions,
  splitScope,
} from './scopes';
import type { ClientRecord, Json } from './state';

const URL_METADATA = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'];

/** RFC 7591 client metadata the sandbox keeps (redirect_uris is ignored: cds-wg1-02 §4.1). */
function clientMetadata(body: Json): Json {
  const out: Json = {};
  if (body.client_name !== undefined) {
    if (
      typeof body.client_name !== 'string' ||
      body.client_name.length === 0 ||
      body.client_name.length > 200
    ) {
      throw invalidMetadata('client_name must be a string of 1 to 200 characters.');
    }
    out.client_name = body.client_name;
  }
  for (const key of URL_METADATA) {
    if (body[key] === undefined) continue;
    if (!isHttpUrl(body[key]) || (body[key] as string).length > 2000) {
      throw invalidMetadata(`${key} must be an http(s) URL.`);
    }
    out[key] = body[key];
  }
  if (body.contacts !== undefined) {
    if (
      !Array.isArray(body.contacts) ||
      !body.contacts.every((c) => typeof c === 'string' && c.length <= 254)
    ) {
      throw invalidMetadata('contacts must be a list of strings.');
    }
    out.contacts = body.contacts;
  }
  return out;
}

/** cds-wg1-02 §4.1: the requested scopes must all be described, and include cds_client_admin. */
function requestedScopes(ctx: SandboxContext, body: Json): string[] {
  if (typeof body.scope !== 'string' || body.scope.trim().length === 0) {
    throw invalidMetadata('scope is required and must include cds_client_admin.');
  }
  const scopes = [...new Set(splitScope(body.scope))];
  const descriptions = scopeDescriptions(ctx.base);
  const unknown = scopes.filter((s) => !(s in descriptions));
  if (unknown.length > 0) {
    throw invalidMetadata(`These scopes cannot be registered here: ${unknown.join(', ')}.`);
  }
  if (!scopes.includes(CLIENT_ADMIN_SCOPE)) {
    throw invalidMetadata('scope must include cds_client_admin (cds-wg1-02 §4.1).');
  }
  return scopes;
}

/** Registration field values per scope, validated (§3.5–§3.7); optional ones get their defaults. */
function fieldValues(ctx: SandboxContext, scopes: string[], body: Json): Map<string, Json> {
  const descriptions = scopeDescriptions(ctx.base);
  const fields = registrationFields(ctx.base);
  const perScope = new Map<string, Json>();
  for (const scope of scopes) {
    const d = descriptions[scope] as Json;
    const values: Json = {};
    const check = (ref: string, required: boolean): void => {
      const field = fields[ref];
      if (field?.type !== 'registration_field') return;
      const name = String(field.field_name);
      if (!Object.hasOwn(body, name)) {
        if (required)
          throw invalidMetadata(`The registration field ${name} is required for the ${scope} scope.`);
        if (Object.hasOwn(field, 'default')) values[name] = field.default;
        return;
      }
      checkRegistrationValue(field, body[name]);
      values[name] = body[name];
    };
    for (const ref of d.registration_requirements as string[]) check(ref, true);
    for (const ref of d.registration_optional as string[]) check(ref, false);
    perScope.set(scope, values);
  }
  return perScope;
}

/** Values shown on Client Objects: files stay out of them (they can be megabytes of Base64). */
function visibleValues(ctx: SandboxContext, values: Json): Json {
  const fields = Object.values(registrationFields(ctx.base));
  return Object.fromEntries(
    Object.entries(values).filter(([name]) => {
      const f = fields.find((x) => x.field_name === name);
      return !f || !/^(image|pdf)/.test(String(f.format));
    }),
  );
}

/** The Messages each registration requirement type needs (cds-wg1-02 §3.6), created synchronously. */
function requirementMessages(
  ctx: SandboxContext,
  registrationId: string,
  scope: string,
  client: ClientRecord,
) {
  const fields = registrationFields(ctx.base);
  const d = scopeDescriptions(ctx.base)[scope] as Json;
  for (const ref of d.registration_requirements as string[]) {
    const field = fields[ref];
    if (!field) continue;
    const token = newId();
    switch (field.type) {
      case 'internal_review':
        ctx.addMessage(registrationId, {
          type: 'production_request',
          status: 'pending',
          name: 'Production access request',
          description: `We have automatically initiated a review for production access to ${scope}.`,
          related_uri: client.object.cds_client_uri,
          related_type: 'client',
        });
        break;
      case 'payment_required':
        ctx.addMessage(registrationId, {
          type: 'payment_request',
          status: 'open',
          name: 'Registration fee',
          description: `Pay the ${field.amount} ${field.currency} program setup fee to complete your registration.`,
          related_uri: `${ctx.base}/forms/payment/${token}`,
          related_type: 'payment_form',
          amount: field.amount,
          currency: field.currency,
        });
        break;
      case 'email_verification':
      case 'sso_verification':
      case 'online_form': {
        const kind = { email_verification: 'email', sso_verification: 'sso', online_form: 'agreement' }[
          field.type
        ];
        ctx.addMessage(registrationId, {
          type: 'online_form_request',
          status: 'open',
          name: String(field.description),
          description: `Complete this online form: ${field.description}`,
          related_uri: `${ctx.base}/forms/${kind}/${token}`,
          related_type: 'online_form',
        });
        break;
      }
      case 'pdf_form':
        ctx.addMessage(registrationId, {
          type: 'pdf_form_request',
          status: 'open',
          name: 'Vendor tax form',
          description:
            'Download this PDF form, fill it in and reply with a client_submission Message attaching it.',
          related_uri: `${ctx.base}/forms/tax-form.pdf`,
          related_type: 'pdf_form',
        });
        break;
      default:
        break;
    }
  }
}

/** Creates the files and the onboarding Server-Provided Files Grant (§3.3.3). */
export function addFileGrant(
  ctx: SandboxContext,
  registrationId: string,
  filesClientId: string,
  files: Array<{ name: string; mimeType: string; description: string; data: Uint8Array }>,
) {
  const ids: string[] = [];
  for (const f of files) {
    const id = newId();
    const now = ctx.nowIso();
    ctx.state.files[id] = {
      data: Buffer.from(f.data).toString('base64'),
      object: {
        file_id: id,
        uri: ctx.api(`/server-provided-files/${id}`),
        created: now,
        modified: now,
        mime_type: f.mimeType,
        size: f.data.byteLength,
        name: f.name,
        description: f.description,
        download_uri: ctx.api(`/server-provided-files/${id}/download`),
      },
    };
    ids.push(id);
  }
  const details = ids.map((file_id) => ({ type: FILES_SCOPE, file_id }));
  return ctx.addGrant(registrationId, filesClientId, FILES_SCOPE, details);
}

/** cds-wg1-02 §4: the registration endpoint (RFC 7591). */
export function registerRegistration(
  app: FastifyInstance,
  ctx: SandboxContext,
  rateLimit: RateLimitOptions | false,
): void {
  app.post('/oauth/register', rateLimit ? { config: { rateLimit } } : {}, async (request, reply) => {
    const body = jsonBody(request);
    const scopes = requestedScopes(ctx, body);
    const metadata = clientMetadata(body);
    const values = fieldValues(ctx, scopes, body);
    const descriptions = scopeDescriptions(ctx.base);

    const admin = createClientObject(ctx, {
      scope: CLIENT_ADMIN_SCOPE,
      status: 'production',
      metadata,
      registrationValues: {},
    });
    const registrationId = admin.object.client_id as string;
    const adminCredential = ctx.addCredential(registrationId, registrationId);

    // §4.2: one Client Object per other accepted scope, plus the Grant Admin scope any of them names.
    const others = scopes.filter((s) => s !== CLIENT_ADMIN_SCOPE);
    for (const s of [...others]) {
      const ga = descriptions[s]?.grant_admin_scope;
      if (typeof ga === 'string' && !others.includes(ga)) others.push(ga);
    }
    const created: ClientRecord[] = [];
    for (const scope of others) {
      const d = descriptions[scope] as Json;
      const codeFlow = (d.response_types_supported as string[]).length > 0;
      const reviewed = (d.registration_requirements as string[]).some(
        (r) => registrationFields(ctx.base)[r]?.type !== 'registration_field',
      );
      const scopeValues = values.get(scope) ?? {};
      const record = createClientObject(ctx, {
        registrationId,
        scope,
        // §4.2: code-flow objects start in sandbox; so do scopes whose requirements need review first.
        status: codeFlow || reviewed ? 'sandbox' : 'production',
        metadata,
        registrationValues: visibleValues(ctx, scopeValues),
      });
      created.push(record);
      if (record.object.token_endpoint_auth_method !== null)
        ctx.addCredential(registrationId, record.object.client_id as string);
    }

    ctx.addMessage(registrationId, {
      type: 'notification',
      status: 'complete',
      name: 'Welcome!',
      description:
        'Welcome to the Sandbox Grid Utility. If you have any questions, please see our documentation or create a support_request Message.',
      related_uri: `${ctx.base}/docs`,
      related_type: 'documentation',
    });
    for (const record of created) {
      const scope = record.object.scope as string;
      if (scope === PROGRAM_SCOPE) requirementMessages(ctx, registrationId, scope, record);
      if (scope === FILES_SCOPE) {
        const grant = addFileGrant(
          ctx,
          registrationId,
          record.object.client_id as string,
          onboardingFiles(String(admin.object.client_name)),
        );
        ctx.addMessage(registrationId, {
          type: 'notification',
          status: 'complete',
          name: 'Your welcome pack is ready',
          description:
            'We shared a welcome pack and our gateway CA certificate through the Server-Provided Files API.',
          related_uri: grant.object.uri,
          related_type: 'grant',
        });
      }
    }

    // §4.2: the admin Client Object with the only client_secret ever returned inline; RFC 7591 §3.2.1: 201.
    reply.code(201).header('cache-control', 'no-store').header('pragma', 'no-cache');
    return { ...admin.object, client_secret: adminCredential.object.client_secret };
  });
}
