import { z } from 'zod';

/**
 * A deliberately large store state for the kill-during-write test: every item repeats the
 * generation, so a file mixing two writes (or cut short) is detectable.
 */
export const bigStateSchema = z.object({
  generation: z.number().int().min(0),
  items: z.array(z.string()),
});

export type BigState = z.infer<typeof bigStateSchema>;

export const BIG_STATE_ITEMS = 200;
const PADDING = 'x'.repeat(20_000);

export function bigStateFor(generation: number): BigState {
  return {
    generation,
    items: Array.from({ length: BIG_STATE_ITEMS }, (_, i) => `${generation}:${i}:${PADDING}`),
  };
}

export function isConsistent(state: BigState): boolean {
  return (
    state.items.length === BIG_STATE_ITEMS &&
    state.items.every((item, i) => item.startsWith(`${state.generation}:${i}:`) && item.length > 20_000)
  );
}
