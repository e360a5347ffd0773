import { CdsError, type CdsErrorOptions, VaultError } from '../cds/errors';
import { VaultError as StoreVaultError } from '../vault/vault';

// Errors the Companion raises itself (not from a Server): an unknown Server or Client Object, an
// argument the service refuses, a step that needs registration first. Like every CdsError the
// message names the Server and the step; front ends show `userMessage`.

export type CompanionErrorCode =
  | 'not-found'
  | 'invalid-argument'
  | 'not-registered'
  | 'conflict'
  | 'internal';

export class CompanionError extends CdsError {
  // The CdsErrorKind union has no "request" kind yet; these are problems with what was asked.
  readonly kind = 'validation' as const;
  readonly code: CompanionErrorCode;
  constructor(code: CompanionErrorCode, problem: string, options: CdsErrorOptions) {
    super(problem, options);
    this.code = code;
  }
  protected override extraJson(): Record<string, unknown> {
    return { code: this.code };
  }
}

/**
 * Anything thrown inside the Companion, as a CdsError naming the Server and the step: CdsErrors
 * pass through, the vault's coded errors become VaultErrors, anything else a CompanionError whose
 * message is redacted by CdsError itself.
 */
export function toCdsError(
  error: unknown,
  server: string | { id?: string; name: string },
  step: string,
): CdsError {
  if (error instanceof CdsError) return error;
  if (error instanceof StoreVaultError) {
    return new VaultError(`the secret store failed: ${error.message}`, {
      server,
      step,
      code: error.code,
      cause: error,
    });
  }
  const text = error instanceof Error ? error.message : 'an unexpected problem happened';
  return new CompanionError('internal', text, { server, step, cause: error });
}
