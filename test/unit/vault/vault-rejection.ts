import { expect } from 'vitest';
import { VaultError } from '../../../src/main/vault/vault';

/** The VaultError `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a VaultError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}
