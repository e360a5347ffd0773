import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkcePair, createState, sameState } from '../../../src/main/cds/authorization/pkce-state';

describe('PKCE S256 and state', () => {
  it('the verifier is 32 random bytes (43 base64url chars) and the challenge its SHA-256', async () => {
    const pair = await createPkcePair();
    expect(pair.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(createHash('sha256').update(pair.verifier).digest('base64url'));
    expect((await createPkcePair()).verifier).not.toBe(pair.verifier);
  });
  it('state has 256 bits and compares exactly', () => {
    const state = createState();
    expect(Buffer.from(state, 'base64url')).toHaveLength(32);
    expect(sameState(state, state)).toBe(true);
    expect(sameState(state, `${state}x`)).toBe(false);
    expect(sameState(state, null)).toBe(false);
    expect(sameState(state, createState())).toBe(false);
  });
});
