import type { Json } from './state';

// Fictional customers that may authorize sandbox Client Objects (cds-wg1-02 §5.2 `sandbox`, published
// on the `cds_test_accounts` page), and their utility accounts (cds-wg3-01 §10.1.1).

export interface TestCustomer {
  id: string;
  username: string;
  password: string;
  name: string;
  description: string;
  accountIds: string[];
}

export const TEST_CUSTOMERS: TestCustomer[] = [
  {
    id: 'cust-alice',
    username: 'alice',
    password: 'alice-sandbox',
    name: 'Alice Moreno',
    description: 'A residential customer with electricity and gas at home.',
    accountIds: ['acct-1001', 'acct-1002'],
  },
  {
    id: 'cust-bob',
    username: 'bob',
    password: 'bob-sandbox',
    name: 'Bob Okafor (Okafor Bakery LLC)',
    description: 'A small business with a parent account and three store accounts.',
    accountIds: ['acct-2000', 'acct-2001', 'acct-2002', 'acct-2003'],
  },
  {
    id: 'cust-carol',
    username: 'carol',
    password: 'carol-sandbox',
    name: 'Carol Lindqvist',
    description: 'A residential customer with a closed account and a low-income program.',
    accountIds: ['acct-3001', 'acct-3002'],
  },
];

const entity: Json = {
  id: 'sgu',
  types: ['distributor', 'supplier', 'iou'],
  entity_number: 'US-XX-IOU-SGU',
  entity_name: 'Sandbox Grid Utility',
  entity_abbreviation: 'SGU',
};

interface AccountSeed {
  id: string;
  parent: string | null;
  customer: string | null;
  number: string;
  name: string;
  address: string;
  types: string[];
  status: string;
  modified: string;
  contacts: Array<[string, string[]]>;
  programs?: Json[];
}

/** One of Okafor Bakery's stores: a child of its parent account acct-2000 (cds-wg3-01 §10.1.1). */
function bakeryStore(
  n: number,
  store: string,
  kind: string,
  address: string,
  rest: Pick<AccountSeed, 'status' | 'modified' | 'contacts'>,
): AccountSeed {
  return {
    id: `acct-200${n}`,
    parent: 'acct-2000',
    customer: 'C-70031',
    number: `2000-0001-0${n}`,
    name: `OKAFOR BAKERY - ${store}`,
    address,
    types: ['customer', 'child', kind],
    ...rest,
  };
}

const seeds: AccountSeed[] = [
  {
    id: 'acct-1001',
    parent: null,
    customer: 'C-55102',
    number: '1001-4432-01',
    name: 'ALICE MORENO',
    address: '412 Prairie Rose Ln\nMaple Grove, XX 55311',
    types: ['customer', 'residential', 'billed_monthly'],
    status: 'active',
    modified: '2025-09-14T08:30:00Z',
    contacts: [
      ['+15555550101', ['phone_number', 'mobile', 'preferred']],
      ['alice.moreno@example.com', ['email', 'primary']],
    ],
    programs: [program('prog-nem', 'NEM-2', 'Net energy metering', ['active', 'credit_bank'], '182.40')],
  },
  {
    id: 'acct-1002',
    parent: null,
    customer: 'C-55102',
    number: '1001-4432-02',
    name: 'ALICE MORENO',
    address: '98 Lakeview Cabin Rd\nPine Hollow, XX 55700',
    types: ['customer', 'residential', 'billed_quarterly'],
    status: 'active',
    modified: '2025-08-02T12:00:00Z',
    contacts: [['alice.moreno@example.com', ['email']]],
  },
  {
    id: 'acct-2000',
    parent: null,
    customer: 'C-70031',
    number: '2000-0001-00',
    name: 'OKAFOR BAKERY LLC',
    address: '1 Market Sq\nRiverton, XX 55401',
    types: ['customer', 'parent', 'commercial', 'billed_monthly'],
    status: 'active',
    modified: '2025-09-20T16:45:00Z',
    contacts: [['ap@okafor-bakery.example.com', ['email', 'work', 'primary']]],
    programs: [program('prog-dr', 'DR-SMB', 'Small business demand response', ['eligible', 'pilot'])],
  },
  bakeryStore(1, 'DOWNTOWN', 'commercial', '220 Main St\nRiverton, XX 55401', {
    status: 'active',
    modified: '2025-09-19T09:00:00Z',
    contacts: [['+15555550177', ['phone_number', 'work']]],
  }),
  bakeryStore(2, 'WESTSIDE', 'commercial', '5870 W Broadway Ave\nRiverton, XX 55422', {
    status: 'active',
    modified: '2025-07-30T10:15:00Z',
    contacts: [['+15555550178', ['phone_number', 'work']]],
  }),
  bakeryStore(3, 'COMMISSARY', 'industrial', '14 Industrial Park Dr\nRiverton, XX 55430', {
    status: 'suspended',
    modified: '2025-05-11T07:20:00Z',
    contacts: [['plant@okafor-bakery.example.com', ['email', 'work']]],
  }),
  {
    id: 'acct-3001',
    parent: null,
    customer: null,
    number: '3001-7781-01',
    name: 'CAROL LINDQVIST',
    address: '77 Birch St Apt 3\nNorthfield, XX 55057',
    types: ['customer', 'residential', 'billed_monthly'],
    status: 'active',
    modified: '2025-09-01T18:00:00Z',
    contacts: [['+15555550190', ['phone_number', 'home', 'primary']]],
    programs: [program('prog-care', 'CARE', 'Customer assistance rate', ['active', 'low_income'])],
  },
  {
    id: 'acct-3002',
    parent: null,
    customer: null,
    number: '3001-7781-00',
    name: 'CAROL LINDQVIST',
    address: '12 Old Mill Rd\nNorthfield, XX 55057',
    types: ['customer', 'residential'],
    status: 'closed',
    modified: '2024-12-31T23:00:00Z',
    contacts: [],
  },
];

function program(id: string, number: string, name: string, types: string[], balance?: string): Json {
  const p: Json = {
    id,
    program_number: number,
    types,
    name,
    description: `${name} program of the Sandbox Grid Utility.`,
    documentation: 'https://example.com/sandbox-grid-utility/programs',
  };
  if (types.includes('active')) {
    p.participation_number = `${number}-${id.slice(-3).toUpperCase()}`;
    p.start = '2023-04-01';
  }
  if (balance !== undefined) {
    p.balance = balance;
    p.currency = 'USD';
  }
  return p;
}

/** cds-wg3-01 §10.1.1 Account objects; `cds_synced` is set when listed. */
export function testAccounts(): Json[] {
  return seeds.map((s) => ({
    cds_account_id: s.id,
    cds_created: '2023-01-15T00:00:00Z',
    cds_modified: s.modified,
    cds_synced: s.modified,
    cds_account_parent: s.parent,
    customer_number: s.customer,
    account_number: s.number,
    account_entity: entity,
    account_name: s.name,
    account_address: s.address,
    account_types: s.types,
    account_status: s.status,
    account_contacts: s.contacts.map(([value, types], i) => ({ id: `${s.id}-c${i + 1}`, types, value })),
    account_programs: s.programs ?? [],
  }));
}

export function findCustomer(username: string): TestCustomer | undefined {
  return TEST_CUSTOMERS.find((c) => c.username === username);
}
