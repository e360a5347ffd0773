import type { StoreEnvelope } from './load-store-file';

// Serialises a store's envelope to exactly the bytes of `serializeEnvelope` (two-space JSON, UTF-8),
// but encodes each deep-frozen subtree below the sections (one Server's record, one Server's cache
// entry) only once: versions of the state share the subtrees they did not change (state-tree.ts),
// so a write after one Server's sync encodes that Server's entry and copies the others' bytes.

/** Levels laid out here: the envelope, `data`, and its sections; below them subtrees are cached. */
const LAID_OUT_LEVELS = 3;
const INDENT = '  ';

interface EncodedSubtree {
  readonly depth: number;
  readonly bytes: Buffer;
}

/** Laid out member by member only when JSON.stringify would too: no toJSON, no boxed primitive. */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}

export interface StateSerializer {
  serialize(version: number, data: unknown): Buffer;
}

export function createStateSerializer(): StateSerializer {
  // Keyed by frozen objects only: an object that can no longer change cannot go stale.
  const encoded = new WeakMap<object, EncodedSubtree>();

  const subtree = (value: object, depth: number): Buffer | undefined => {
    const frozen = Object.isFrozen(value);
    const cached = frozen ? encoded.get(value) : undefined;
    if (cached?.depth === depth) return cached.bytes;
    const flat = JSON.stringify(value, null, 2) as string | undefined;
    if (flat === undefined) return undefined;
    // JSON.stringify indents only after line breaks (a string value escapes its own), so the text
    // at `depth` is the top-level text with each line break followed by the deeper indentation.
    const bytes = Buffer.from(flat.replaceAll('\n', `\n${INDENT.repeat(depth)}`));
    if (frozen) encoded.set(value, { depth, bytes });
    return bytes;
  };

  /** Appends `value`'s text at `depth` to `out`; false (nothing appended) where JSON omits it. */
  const append = (value: unknown, depth: number, out: (string | Buffer)[]): boolean => {
    if (typeof value !== 'object' || value === null) {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return false;
      out.push(text);
      return true;
    }
    const isArray = Array.isArray(value);
    if (depth >= LAID_OUT_LEVELS || (!isArray && !isPlainObject(value))) {
      const bytes = subtree(value, depth);
      if (bytes === undefined) return false;
      out.push(bytes);
      return true;
    }
    const inner = `\n${INDENT.repeat(depth + 1)}`;
    let members = 0;
    out.push(isArray ? '[' : '{');
    const entries = isArray
      ? Array.from(value as unknown[], (item, index) => [String(index), item] as const)
      : Object.entries(value);
    for (const [key, child] of entries) {
      const mark = out.length;
      out.push(`${members > 0 ? ',' : ''}${inner}${isArray ? '' : `${JSON.stringify(key)}: `}`);
      if (append(child, depth + 1, out)) members += 1;
      else if (isArray) {
        // JSON writes an omitted array item as null.
        out.push('null');
        members += 1;
      } else out.length = mark;
    }
    if (members > 0) out.push(`\n${INDENT.repeat(depth)}`);
    out.push(isArray ? ']' : '}');
    return true;
  };

  return {
    serialize: (version, data) => {
      const out: (string | Buffer)[] = [];
      append({ version, data } satisfies StoreEnvelope, 0, out);
      out.push('\n');
      return Buffer.concat(out.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)));
    },
  };
}
