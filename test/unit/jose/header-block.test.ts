import { describe, expect, it } from 'vitest';
import { parseHeaderBlock } from '../../../src/main/cds/jose/header-block';
import { JweError } from '../../../src/main/cds/jose/jwe-errors';

describe('parseHeaderBlock', () => {
  it('parses the overview block, CRLF lines, blank lines and repeated names', () => {
    expect(parseHeaderBlock('Content-Type: application/json\nX-Log-ID: 123456abcdef')).toEqual({
      'Content-Type': 'application/json',
      'X-Log-ID': '123456abcdef',
    });
    expect(parseHeaderBlock('A: 1\r\n\r\nLink: <a>\nlink: <b>\n')).toEqual({ A: '1', Link: '<a>, <b>' });
    expect(parseHeaderBlock('X-Empty:')).toEqual({ 'X-Empty': '' });
    expect(parseHeaderBlock('')).toEqual({});
  });

  it('refuses lines that are not "Name: value", without echoing them', () => {
    for (const block of ['no colon here SECRET', ': value', 'Bad Name: x', 'Ok: 1\nSECRET']) {
      let caught: unknown;
      try {
        parseHeaderBlock(block);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(JweError);
      expect((caught as JweError).code).toBe('invalid_header');
      expect((caught as JweError).message).not.toContain('SECRET');
    }
  });

  it('refuses a block larger than headers can be', () => {
    expect(() => parseHeaderBlock(`X: ${'a'.repeat(70_000)}`)).toThrow(JweError);
  });
});
