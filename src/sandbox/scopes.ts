import type { Json } from './state';

// The sandbox's scope catalogue (cds-wg1-02 §3.3, §3.4). Identifiers are fixed so tests and docs can
// name them; Clients must still decide compatibility by `type` (§3.3).
export const CLIENT_ADMIN_SCOPE = 'cds_client_admin';
export const GRANT_ADMIN_SCOPE = 'cds_grant_admin_1';
export const FILES_SCOPE = 'cds_server_provided_files_1';
export const CUSTOMER_DATA_SCOPE = 'cds_accounts_1';
export const PROGRAM_SCOPE = 'sandbox_demand_response_1';

export const SCOPE_TYPES: Record<string, string> = {
  [CLIENT_ADMIN_SCOPE]: 'cds_client_admin',
  [GRANT_ADMIN_SCOPE]: 'cds_grant_admin',
  [FILES_SCOPE]: 'cds_server_provided_files',
  [CUSTOMER_DATA_SCOPE]: 'cds_accounts',
  [PROGRAM_SCOPE]: 'sandbox_demand_response',
};

const doc = (base: string, anchor: string): string => `${base}/docs/scopes#${anchor}`;

function grantAdminFields(base: string, id: string): Json[] {
  const field = (fieldId: string, name: string, description: string): Json => ({
    id: fieldId,
    name,
    description,
    documentation: doc(base, `cds_grant_admin-${fieldId}`),
    for_types: [id],
    format: 'string',
    is_required: true,
    maximum: 1000,
    minimum: 1,
  });
  return [
    field(
      'client_id',
      'Client Object identifier',
      'The Client Object identifier for which the Grant is issued.',
    ),
    field(
      'grant_id',
      'Grant identifier',
      'The Grant identifier for which the returned access_token will be given access.',
    ),
  ];
}

/**
 * What cds-wg1-02 §3.3.1 and §3.3.2 fix alike for both admin scopes: nothing to register, reached only
 * with `client_credentials` and `client_secret_basic`, no coverage, no Grant Admin scope of their own.
 */
const adminScopeAccess = (): Json => ({
  registration_requirements: [],
  registration_optional: [],
  response_types_supported: [],
  grant_types_supported: ['client_credentials'],
  token_endpoint_auth_methods_supported: ['client_secret_basic'],
  code_challenge_methods_supported: [],
  coverages_supported: [],
  grant_admin_scope: null,
});

/** cds-wg1-02 §3.3.1–§3.3.3 fix these descriptions field by field; the others are the sandbox's own. */
export function scopeDescriptions(base: string): Record<string, Json> {
  return {
    [CLIENT_ADMIN_SCOPE]: {
      id: CLIENT_ADMIN_SCOPE,
      type: 'cds_client_admin',
      name: 'Client Admin',
      description: 'This scope grants administrative access to the Client management APIs.',
      documentation: doc(base, 'cds_client_admin'),
      ...adminScopeAccess(),
      authorization_details_types_supported: [],
      authorization_details_fields_supported: [],
    },
    [GRANT_ADMIN_SCOPE]: {
      id: GRANT_ADMIN_SCOPE,
      type: 'cds_grant_admin',
      name: 'Grant Admin',
      description: 'This scope grants administrative access to previously created Grants.',
      documentation: doc(base, 'cds_grant_admin'),
      ...adminScopeAccess(),
      authorization_details_types_supported: [GRANT_ADMIN_SCOPE],
      authorization_details_fields_supported: grantAdminFields(base, GRANT_ADMIN_SCOPE),
    },
    [FILES_SCOPE]: {
      id: FILES_SCOPE,
      type: 'cds_server_provided_files',
      name: 'Server-Provided Files',
      description:
        'This scope grants access to specific files that the Server wants make available to the Client.',
      documentation: doc(base, 'cds_server_provided_files'),
      registration_requirements: [],
      registration_optional: [],
      response_types_supported: [],
      grant_types_supported: [],
      token_endpoint_auth_methods_supported: [],
      code_challenge_methods_supported: [],
      coverages_supported: [],
      grant_admin_scope: GRANT_ADMIN_SCOPE,
      authorization_details_types_supported: [FILES_SCOPE],
      authorization_details_fields_supported: [
        {
          id: 'file_id',
          name: 'File identifier',
          description:
            'A file provided by the Server that may be accessed by the Client as part of the Grant.',
          documentation: doc(base, 'cds_server_provided_files-file_id'),
          for_types: [FILES_SCOPE],
          format: 'string',
          is_required: true,
          maximum: 1000,
          minimum: 1,
        },
      ],
    },
    [CUSTOMER_DATA_SCOPE]: {
      id: CUSTOMER_DATA_SCOPE,
      type: 'cds_accounts',
      name: 'Account List',
      description:
        'Read the utility accounts a customer selects when authorizing access (names, numbers, addresses, contacts and programs).',
      documentation: doc(base, 'cds_accounts'),
      registration_requirements: ['company_name'],
      registration_optional: ['support_phone'],
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      code_challenge_methods_supported: ['S256'],
      coverages_supported: ['sgu_electric_north', 'sgu_gas_north', 'sgu_commercial'],
      grant_admin_scope: GRANT_ADMIN_SCOPE,
      authorization_details_types_supported: [CUSTOMER_DATA_SCOPE],
      authorization_details_fields_supported: customerDataFields(base),
    },
    [PROGRAM_SCOPE]: {
      id: PROGRAM_SCOPE,
      type: 'sandbox_demand_response',
      name: 'Demand Response Program Enrollment',
      description:
        'Enroll customers in the demand response program on their behalf; production access needs a review, a payment and signed forms.',
      documentation: doc(base, 'sandbox_demand_response'),
      registration_requirements: [
        'company_name',
        'contact_email',
        'company_website',
        'accepts_terms',
        'company_logo',
        'insurance_certificate',
        'internal_review',
        'registration_fee',
        'email_verification',
        'sso_verification',
        'program_agreement',
        'tax_form',
      ],
      registration_optional: ['support_phone'],
      response_types_supported: [],
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic'],
      code_challenge_methods_supported: [],
      coverages_supported: ['sgu_electric_north'],
      grant_admin_scope: null,
      authorization_details_types_supported: [],
      authorization_details_fields_supported: [],
    },
  };
}

/** Authorization details fields of the customer data scope: one of each useful format (§3.8, §3.9). */
function customerDataFields(base: string): Json[] {
  const f = (id: string, name: string, description: string, rest: Json): Json => ({
    id,
    name,
    description,
    documentation: doc(base, `cds_accounts-${id}`),
    for_types: [CUSTOMER_DATA_SCOPE],
    ...rest,
  });
  return [
    f(
      'authorization_form_selection_type',
      'Authorization form selection',
      'How the customer chooses what to share on the authorization form (cds-wg3-01 §7.4.1).',
      {
        format: 'choice',
        is_required: false,
        default: 'account_selection',
        choices: [
          {
            id: 'account_selection',
            name: 'Account selection',
            description: 'The customer picks the accounts to share.',
            documentation: doc(base, 'account_selection'),
          },
        ],
      },
    ),
    f(
      'sync_until',
      'Sync until',
      'How long the Client may keep receiving updated data (cds-wg3-01 §7.3.1).',
      {
        // §7.3.1: "The `format` value MUST be `relative_or_absolute_datetime`".
        format: 'relative_or_absolute_datetime',
        is_required: false,
        default: 'P1Y',
        minimum: 'PT0S',
        maximum: 'P3Y',
      },
    ),
    f(
      'review_by',
      'Review by',
      'The day by which the customer wants to review this authorization. It is shown on the consent page and ' +
        'kept in the Grant as a date (a relative value counts from the Grant’s creation, cds-wg3-01 §7.3); it ' +
        'does not change what data is shared.',
      {
        format: 'relative_or_absolute_date',
        is_required: false,
        default: 'P1Y',
        minimum: 'P0D',
        maximum: 'P3Y',
      },
    ),
    f('max_accounts', 'Maximum accounts', 'The most accounts the customer may share in one authorization.', {
      format: 'int',
      is_required: false,
      default: 25,
      minimum: 1,
      maximum: 100,
    }),
    f(
      'min_balance',
      'Minimum program balance',
      'Only list program balances at or above this amount (a decimal kept as a string).',
      { format: 'decimal', is_required: false, default: '0.00', minimum: '0.00', maximum: '100000.00' },
    ),
    f(
      'account_numbers',
      'Preselect account numbers',
      'Account numbers to preselect on the authorization form (cds-wg3-01 §7.1.1); an empty list preselects none.',
      { format: 'string_list', is_required: false, default: [], minimum: 0, maximum: 10000 },
    ),
    f(
      'jwk',
      'Additional JWK encryption',
      'A P-256 public encryption key: every Customer Data API response is then encrypted for it (cds-wg3-01 §7.4.6).',
      { format: 'jwk_or_null', is_required: false, default: null },
    ),
  ];
}

/** cds-wg1-02 §3.5: one entry per registration requirement the scopes reference. */
export function registrationFields(base: string): Record<string, Json> {
  const d = (id: string): string => `${base}/docs/registration#${id}`;
  const field = (id: string, rest: Json): Json => ({ id, documentation: d(id), ...rest });
  return {
    company_name: field('company_name', {
      type: 'registration_field',
      field_name: 'cds_company_name',
      description: 'The company name to show customers on the authorization form.',
      format: 'string',
      max_length: 200,
    }),
    contact_email: field('contact_email', {
      type: 'registration_field',
      field_name: 'cds_contact_email',
      description: 'Where the program team can reach your operations staff.',
      format: 'email',
      max_length: 254,
    }),
    company_website: field('company_website', {
      type: 'registration_field',
      field_name: 'cds_company_website',
      description: "Your company's public website.",
      format: 'url',
      max_length: 2000,
    }),
    accepts_terms: field('accepts_terms', {
      type: 'registration_field',
      field_name: 'cds_accepts_terms',
      description: 'Whether you accept the program terms of service.',
      format: 'boolean',
    }),
    company_logo: field('company_logo', {
      type: 'registration_field',
      field_name: 'cds_company_logo',
      description: 'Your logo (PNG or JPEG, Base64) for the program enrollment pages.',
      format: 'image',
      max_size: 1_000_000,
    }),
    insurance_certificate: field('insurance_certificate', {
      type: 'registration_field',
      field_name: 'cds_insurance_certificate',
      description: 'Your certificate of liability insurance (PDF, Base64).',
      format: 'pdf',
      max_size: 5_000_000,
    }),
    support_phone: field('support_phone', {
      type: 'registration_field',
      field_name: 'cds_support_phone',
      description: 'A phone number customers may call about your service (optional).',
      format: 'string_or_null',
      max_length: 32,
      default: null,
    }),
    internal_review: field('internal_review', {
      type: 'internal_review',
      description: 'The program team reviews each registration before production access.',
    }),
    registration_fee: field('registration_fee', {
      type: 'payment_required',
      description: 'A one-time program setup fee, payable online by card or by check.',
      amount: '250.00',
      currency: 'USD',
    }),
    email_verification: field('email_verification', {
      type: 'email_verification',
      description: 'Verify your contact email address with a one-time code.',
    }),
    sso_verification: field('sso_verification', {
      type: 'sso_verification',
      description: 'Link your company account through single sign-on.',
    }),
    program_agreement: field('program_agreement', {
      type: 'online_form',
      description: 'Sign the program participation agreement online.',
    }),
    tax_form: field('tax_form', {
      type: 'pdf_form',
      description: 'Download, complete and return the vendor tax form (PDF).',
    }),
  };
}

export function scopeType(scopeId: string): string | undefined {
  return SCOPE_TYPES[scopeId];
}

export function splitScope(scope: string | undefined | null): string[] {
  return (scope ?? '').split(' ').filter((s) => s.length > 0);
}
