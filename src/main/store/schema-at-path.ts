import { z } from 'zod';
import type { StatePath } from './state-tree';

// Which part of a store's schema governs one path of its state, so an update of one Server's entry
// validates that entry and not every Server's (json-store.ts). Only steps whose parse is exactly
// "parse each member on its own" are followed: a plain object's known key, or a string-keyed
// record's entry, with no check on the whole. Anything else (refinements, pipes, unions, ...) answers
// null and the store validates the whole state as before.

export interface SchemaAtPath {
  readonly schema: z.ZodType;
  /** The value sits in a record: removing it needs no validation (a record may lack any key). */
  readonly inRecord: boolean;
}

const hasChecks = (schema: z.ZodType): boolean => (schema._zod.def.checks?.length ?? 0) > 0;

export function schemaAtPath(root: z.ZodType, path: StatePath): SchemaAtPath | null {
  let schema = root;
  let inRecord = false;
  for (const key of path) {
    if (hasChecks(schema)) return null;
    if (schema instanceof z.ZodObject) {
      const shape = schema.shape as Record<string, z.ZodType>;
      const member = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!member) return null;
      schema = member;
      inRecord = false;
    } else if (schema instanceof z.ZodRecord) {
      const keyType = schema.keyType as z.ZodType;
      // An enum or literal key type makes a record exhaustive: its keys are checked together.
      if (!(keyType instanceof z.ZodString)) return null;
      const parsedKey = keyType.safeParse(key);
      if (!parsedKey.success || parsedKey.data !== key) return null;
      schema = schema.valueType as z.ZodType;
      inRecord = true;
    } else {
      return null;
    }
  }
  return { schema, inRecord };
}
