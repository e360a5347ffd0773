import { describe, expect, it } from 'vitest';
import {
  accountProgramSchema,
  authorizationDetailsFieldSchema,
  decimalSchema,
  isDecimalString,
  messageSchema,
  parseCds,
  registrationFieldSchema,
  safeParseCds,
} from '../../../src/shared/cds';
import { loadFixture } from './spec-fixtures';

describe('decimal values (cds-wg1-02 §3.9) stay strings', () => {
  it.each(['0', '-0', '12.50', '-12.50', '1e10', '1.5E-3', '12345678901234567890.123456789012345678'])(
    'keeps "%s" exactly',
    (text) => {
      expect(decimalSchema.parse(text)).toBe(text);
      expect(isDecimalString(text)).toBe(true);
    },
  );

  it.each(['', '.5', '5.', '01', '+1', '1,5', 'NaN', 'Infinity', '0x10', ' 1', '1 ', '1.2.3', 'abc'])(
    'refuses "%s"',
    (text) => {
      expect(decimalSchema.safeParse(text).success).toBe(false);
      expect(isDecimalString(text)).toBe(false);
    },
  );

  it('turns a JSON number into its text, never doing arithmetic on it', () => {
    expect(decimalSchema.parse(12.5)).toBe('12.5');
    expect(decimalSchema.parse(1e21)).toBe('1e+21');
    expect(isDecimalString(decimalSchema.parse(1e21))).toBe(true);
    expect(decimalSchema.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
    expect(decimalSchema.safeParse(Number.NaN).success).toBe(false);
  });

  it('keeps a payment amount precise on a Message', () => {
    const message = { ...loadFixture('wg1-02-12.10-message.json'), type: 'payment_request' };
    const precise = '1234567890123456789.01';
    const parsed = parseCds(messageSchema, { ...message, amount: precise, currency: 'USD' }, 'Message');
    expect(parsed.amount).toBe(precise);
    const bad = safeParseCds(messageSchema, { ...message, amount: '12,50' }, 'Message');
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.path).toBe('$.amount');
  });

  it('keeps a registration fee and a credit bank balance as text', () => {
    const fee = parseCds(
      registrationFieldSchema,
      {
        id: 'setup_fee',
        type: 'payment_required',
        description: 'One-time setup fee',
        documentation: 'https://example.com/docs/fees',
        amount: '250.00',
        currency: 'USD',
      },
      'Registration Field',
    );
    expect(fee.amount).toBe('250.00');
    const program = parseCds(
      accountProgramSchema,
      {
        id: 'p1',
        program_number: 'NEM-2',
        types: ['credit_bank'],
        name: 'Net metering',
        description: 'Credits',
        documentation: 'https://example.com/nem',
        balance: 0.1,
      },
      'Account Program',
    );
    expect(program.balance).toBe('0.1');
  });

  it('turns decimal-format bounds of an Authorization Details Field into text', () => {
    const base = {
      id: 'max_kw',
      name: 'Maximum kW',
      description: 'Largest demand to report',
      documentation: 'https://example.com/docs#max_kw',
      format: 'decimal',
      is_required: false,
      default: 2.5,
      maximum: 'infinite',
      minimum: 0.001,
    };
    const parsed = parseCds(authorizationDetailsFieldSchema, base, 'Authorization Details Field');
    expect(parsed.maximum).toBe('infinite');
    expect(parsed.minimum).toBe('0.001');
    expect(parsed.default).toBe('2.5');
    const bad = safeParseCds(authorizationDetailsFieldSchema, { ...base, maximum: 'lots' }, 'field');
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.path).toBe('$.maximum');
  });

  it('leaves the bounds of other formats as sent', () => {
    const parsed = parseCds(
      authorizationDetailsFieldSchema,
      {
        id: 'grant_id',
        name: 'Grant identifier',
        description: 'The Grant',
        documentation: 'https://example.com/docs',
        format: 'string',
        is_required: true,
        maximum: 1000,
        minimum: 1,
      },
      'field',
    );
    expect(parsed.maximum).toBe(1000);
  });
});
