/**
 * - `read_only`: an update on a store opened read-only (its file comes from a newer version).
 * - `invalid_state`: an update produced state that fails the store's schema; nothing was written.
 * - `write_failed`: the file system refused the write; the previous file and state are unchanged.
 * - `migration_missing`: the code has no migration from the file's version (a programming error).
 */
export type StoreErrorCode = 'read_only' | 'invalid_state' | 'write_failed' | 'migration_missing';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly file: string;

  constructor(code: StoreErrorCode, file: string, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
    this.file = file;
  }
}
