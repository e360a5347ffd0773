import { useState } from 'react';
import type { ServiceOutcome } from './cds-client';
import type { ServiceFailure } from './service-failure';

/**
 * A service call started from a dialog or form: pending while it runs, its failure kept for the view
 * to show (with a retry) until the next attempt or `clearFailure`.
 */
export interface ServiceAction {
  readonly pending: boolean;
  readonly failure: ServiceFailure | null;
  /** Runs `call`; a success hands its value to `onDone`, a failure is kept in `failure`. */
  readonly run: <T>(call: () => Promise<ServiceOutcome<T>>, onDone: (value: T) => void) => Promise<void>;
  /** Forgets the failure shown (the dialog closed, the input changed). */
  readonly clearFailure: () => void;
}

/** The pending and failure state every confirming dialog and form keeps around its one service call. */
export function useServiceAction(): ServiceAction {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<ServiceFailure | null>(null);
  const run = async <T>(call: () => Promise<ServiceOutcome<T>>, onDone: (value: T) => void) => {
    setPending(true);
    setFailure(null);
    const outcome = await call();
    setPending(false);
    if (outcome.ok) onDone(outcome.value);
    else setFailure(outcome.failure);
  };
  return { pending, failure, run, clearFailure: () => setFailure(null) };
}
