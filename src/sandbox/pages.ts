import type { FastifyInstance } from 'fastify';
import { ADMIN_OPERATIONS } from './admin-api';
import type { SandboxContext } from './context';
import { esc, page } from './html';
import { makePdf } from './onboarding-files';
import { registrationFields, scopeDescriptions } from './scopes';
import { TEST_CUSTOMERS } from './test-accounts';

/** Human-facing pages every URL in the metadata points to (cds-wg1-02 §3.2, §3.6 documentation). */
export function registerPages(app: FastifyInstance, ctx: SandboxContext): void {
  const html =
    (title: string, body: string) => async (_req: unknown, reply: { type(t: string): unknown }) => {
      reply.type('text/html; charset=utf-8');
      return page(title, body);
    };

  app.get(
    '/',
    html(
      'CDS sandbox server',
      `<p>This is a complete CDS Server for testing: <a href="/.well-known/cds-server-metadata.json">CDS Server Metadata</a>,
<a href="/.well-known/oauth-authorization-server">OAuth Authorization Server Metadata</a>, <a href="/docs">documentation</a>.</p>`,
    ),
  );

  app.get('/docs', async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    return page(
      'Developer documentation',
      `<p>The Sandbox Grid Utility implements CDS-WG1-01 (Server Metadata), CDS-WG1-02 (Client Registration) and the
Accounts API of CDS-WG3-01 (Customer Data). Register with the <code>registration_endpoint</code>, then use the Clients,
Messages, Credentials, Grants and Server-Provided Files APIs with a <code>cds_client_admin</code> token.</p>
<ul><li><a href="/docs/scopes">Scopes</a></li><li><a href="/docs/registration">Registration requirements</a> (payments, forms, verification)</li>
<li><a href="/docs/test-accounts">Test accounts</a></li><li><a href="/docs/extensions">Extension fields</a></li></ul>
<h2>Grant statuses</h2><p>A parent Grant in <code>needs_sub_grants</code> becomes <code>active</code> when all its children are <code>active</code>.</p>
<h2>Operator API</h2><p>Tests and demos drive the Server's side through <code>POST /sandbox-admin/&lt;operation&gt;</code> with the admin token:
${ADMIN_OPERATIONS.map((o) => `<code>${esc(o)}</code>`).join(', ')}.</p>`,
    );
  });

  app.get('/docs/scopes', async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    const rows = Object.values(scopeDescriptions(ctx.base))
      .map(
        (
          d,
        ) => `<h2 id="${esc(d.id)}">${esc(d.name)} (<code>${esc(d.id)}</code>, type <code>${esc(d.type)}</code>)</h2><p>${esc(d.description)}</p>
<ul>${((d.authorization_details_fields_supported as Array<Record<string, unknown>>) ?? []).map((f) => `<li id="${esc(`${d.type}-${f.id}`)}"><code>${esc(f.id)}</code> (${esc(f.format)}): ${esc(f.description)}</li>`).join('')}</ul>`,
      )
      .join('\n');
    return page(
      'Scopes',
      `${rows}<p id="account_selection">Account selection: the customer ticks the accounts to share on the consent page.</p>`,
    );
  });

  app.get('/docs/registration', async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    const rows = Object.values(registrationFields(ctx.base))
      .map(
        (f) =>
          `<h2 id="${esc(f.id)}"><code>${esc(f.id)}</code> (${esc(f.type)})</h2><p>${esc(f.description)}</p>${
            f.type === 'payment_required'
              ? `<p>Amount: ${esc(f.amount)} ${esc(f.currency)}. Fee: none beyond the amount. Payment methods: card through the online checkout form linked in the payment_request Message, or a check mailed to the program office.</p>`
              : f.type === 'pdf_form'
                ? '<p>Blank template: <a href="/forms/tax-form.pdf">tax-form.pdf</a>. Reply to the pdf_form_request with a client_submission attaching the completed PDF.</p>'
                : f.type === 'sso_verification'
                  ? '<p>Supported: the sandbox single sign-on page (OpenID Connect); open the link in the online_form_request Message.</p>'
                  : f.type === 'email_verification'
                    ? '<p>Open the link in the online_form_request Message and confirm the code sent to your contact email.</p>'
                    : ''
          }`,
      )
      .join('\n');
    return page('Registration requirements', rows);
  });

  app.get('/docs/test-accounts', async (_req, reply) => {
    reply.type('text/html; charset=utf-8');
    const rows = TEST_CUSTOMERS.map(
      (c) =>
        `<tr><td><code>${esc(c.username)}</code></td><td><code>${esc(c.password)}</code></td><td>${esc(c.name)}</td><td>${esc(c.description)}</td><td>${c.accountIds.length}</td></tr>`,
    ).join('');
    return page(
      'Test accounts',
      `<p>Sandbox Client Objects (<code>cds_status</code> sandbox) may be authorized by these fictional customers.</p>
<table><thead><tr><th>Username</th><th>Password</th><th>Customer</th><th>About</th><th>Accounts</th></tr></thead><tbody>${rows}</tbody></table>`,
    );
  });

  app.get(
    '/docs/extensions',
    html(
      'Extension fields',
      `<p>Client Objects also carry the registration field values submitted for their scopes (e.g. <code>cds_company_name</code>; cds-wg1-02 §5.1).
Grants created through the authorization endpoint record the customer's account selection. Introspection responses add <code>cds_grant_id</code>.
Coverage entries add <code>entity_number</code> (cds-wg3-01 §10.1.4).</p>`,
    ),
  );

  app.get(
    '/register',
    html(
      'Register as a Client',
      `<p>Organizations without developers can register here with the help of our program team: email
<a href="mailto:cds-onboarding@example.com">cds-onboarding@example.com</a> with your company name, contact email and the scopes you need.
Developers can use the <a href="/.well-known/oauth-authorization-server">registration endpoint</a> directly.</p>`,
    ),
  );
  app.get(
    '/legal/policy',
    html(
      'Client policy',
      '<p>Clients must protect customer data and use it only for the purposes the customer approved.</p>',
    ),
  );
  app.get(
    '/legal/terms',
    html('Terms of use', '<p>This sandbox holds only fictional data. It may be reset at any time.</p>'),
  );
  app.get(
    '/support',
    html('Support', '<p>Send a <code>support_request</code> Message through the Messages API.</p>'),
  );

  app.get('/forms/tax-form.pdf', async (_req, reply) => {
    reply.type('application/pdf');
    return Buffer.from(
      makePdf('Vendor tax form (blank)', [
        'Company name: ____________',
        'Tax ID: ____________',
        'Signature: ____________',
      ]),
    );
  });

  // Online forms linked from Messages (§3.6): reusable links; submitting one marks the request pending.
  app.get<{ Params: { kind: string; token: string } }>('/forms/:kind/:token', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const title = {
      payment: 'Registration fee checkout',
      email: 'Verify your email',
      sso: 'Single sign-on',
      agreement: 'Program agreement',
      receipt: 'Payment receipt',
    }[request.params.kind];
    if (!title) return reply.code(404).send(page('Not found', '<p>No such form.</p>'));
    if (request.params.kind === 'receipt') return page(title, '<p>Payment received. Thank you.</p>');
    return page(title, `<form method="post"><button type="submit">Submit</button></form>`);
  });

  app.post<{ Params: { kind: string; token: string } }>('/forms/:kind/:token', async (request, reply) => {
    const uri = `${ctx.base}/forms/${request.params.kind}/${request.params.token}`;
    const message = Object.values(ctx.state.messages).find((m) => m.object.related_uri === uri);
    reply.type('text/html; charset=utf-8');
    if (!message) return reply.code(404).send(page('Not found', '<p>No such form.</p>'));
    if (message.object.status === 'open') {
      message.object.status = 'pending';
      message.object.modified = ctx.nowIso();
      ctx.requestUpdate(message, 'pending', 'We received your submission and are reviewing it.');
    }
    return page('Thank you', '<p>We received your submission.</p>');
  });
}
