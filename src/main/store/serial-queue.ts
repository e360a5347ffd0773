/**
 * Runs async tasks one after another, in call order. Store writes and vault file rewrites go through
 * one queue each so two updates never interleave their read-modify-write (SECURITY.md "Data that
 * must not be lost"). A failed task rejects its own caller only; the queue carries on.
 */
export interface SerialQueue {
  run<R>(task: () => Promise<R>): Promise<R>;
  /** Resolves once every task queued so far has settled. */
  idle(): Promise<void>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<R>(task: () => Promise<R>): Promise<R> {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
    async idle(): Promise<void> {
      await tail;
    },
  };
}
