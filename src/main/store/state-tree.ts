// A store's state is an immutable tree: every version is deep-frozen, and a new version shares every
// subtree it did not change with the one before. Unchanged parts then cost nothing to copy, to
// validate or to serialise again (json-store.ts), and stay the same objects for caches keyed by
// identity (the parsed metadata in server-context.ts).

/** A key path from the root of a store's state: `['servers', serverId]`. */
export type StatePath = readonly string[];

export function deepFreeze<T>(value: T): T {
  // A frozen object is a shared subtree of an earlier version, frozen all the way down already.
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The value at `path`, or undefined when any step is missing. */
export function readAt(root: unknown, path: StatePath): unknown {
  let value = root;
  for (const key of path) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * A new root with `value` at `path` (undefined: the key removed), sharing everything else with
 * `root`. Each object on the path is copied shallowly and frozen; every step but the last must exist
 * and be a plain object.
 */
export function writeAt(root: unknown, path: StatePath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string, ...string[]];
  if (!isObject(root) || Array.isArray(root)) {
    throw new TypeError(`Cannot write ${path.join('.')}: its parent is not an object.`);
  }
  const copy: Record<string, unknown> = { ...root };
  const child = rest.length === 0 ? value : writeAt(root[key], rest, value);
  if (child === undefined) delete copy[key];
  // defineProperty: a key such as `__proto__` is stored as data, never as the prototype.
  else
    Object.defineProperty(copy, key, { value: child, enumerable: true, writable: true, configurable: true });
  return Object.freeze(copy);
}

/**
 * `next` with every subtree that equals the matching one of `previous` replaced by that one, so an
 * update that rewrites a record with the same values keeps its identity; returns `previous` itself
 * when the two are equal throughout. `next` must be a fresh, unfrozen tree of JSON-like values (the
 * output of a schema parse); its objects are edited in place.
 */
export function shareUnchanged<T>(next: T, previous: unknown): T {
  if (Object.is(next, previous)) return next;
  if (!isObject(next) || !isObject(previous) || Array.isArray(next) !== Array.isArray(previous)) return next;
  if (Object.getPrototypeOf(next) !== Object.getPrototypeOf(previous) || Object.isFrozen(next)) return next;
  const nextKeys = Object.keys(next);
  const previousKeys = Object.keys(previous);
  // Equal means the same keys in the same order too: the order is what the file shows.
  let same = nextKeys.length === previousKeys.length;
  const target = next as Record<string, unknown>;
  nextKeys.forEach((key, index) => {
    const had = Object.hasOwn(previous, key);
    const child = shareUnchanged(target[key], had ? previous[key] : undefined);
    if (child !== target[key]) target[key] = child;
    if (!had || child !== previous[key] || previousKeys[index] !== key) same = false;
  });
  return same ? (previous as T) : next;
}

/**
 * Whether two JSON-like values are equal: the same primitives, the same arrays item by item, the
 * same objects key by key in the same order (the order is what the file shows).
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (!isObject(a) || !isObject(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  if (aKeys.length !== bKeys.length) return false;
  return aKeys.every((key, index) => bKeys[index] === key && jsonEqual(a[key], b[key]));
}
