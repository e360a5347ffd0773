import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializeEnvelope } from '../../../src/main/store/load-store-file';
import { schemaAtPath } from '../../../src/main/store/schema-at-path';
import { createStateSerializer } from '../../../src/main/store/state-serializer';
import { deepFreeze, jsonEqual, readAt, shareUnchanged, writeAt } from '../../../src/main/store/state-tree';

// The immutable state tree behind json-store: versions share unchanged subtrees, the serializer
// reuses their bytes, and only the part of the schema governing a change validates it.

describe('writeAt and readAt', () => {
  it('replaces one value, copying only the objects on its path', () => {
    const root = deepFreeze({ servers: { a: { n: 1 }, b: { n: 2 } }, settings: { x: true } });
    const next = writeAt(root, ['servers', 'a'], { n: 3 }) as typeof root;
    expect(next).toEqual({ servers: { a: { n: 3 }, b: { n: 2 } }, settings: { x: true } });
    expect(next.servers.b).toBe(root.servers.b);
    expect(next.settings).toBe(root.settings);
    expect(Object.isFrozen(next) && Object.isFrozen(next.servers)).toBe(true);
    expect(root.servers.a.n).toBe(1);
    expect(readAt(next, ['servers', 'a', 'n'])).toBe(3);
    expect(readAt(next, ['servers', 'missing', 'n'])).toBeUndefined();
  });

  it('removes a key for undefined and stores __proto__ as data', () => {
    const root = deepFreeze({ servers: { a: 1, b: 2 } as Record<string, number> });
    expect(writeAt(root, ['servers', 'a'], undefined)).toEqual({ servers: { b: 2 } });
    const odd = writeAt(root, ['servers', '__proto__'], 5) as typeof root;
    expect(Object.getPrototypeOf(odd.servers)).toBe(Object.prototype);
    expect(Object.keys(odd.servers)).toEqual(['a', 'b', '__proto__']);
  });

  it('refuses a path through something that is not an object', () => {
    expect(() => writeAt({ list: [1] }, ['list', '0', 'x'], 1)).toThrow(TypeError);
  });
});

describe('shareUnchanged', () => {
  it('returns the previous tree when equal, and shares equal subtrees otherwise', () => {
    const previous = deepFreeze({ a: { deep: [1, 2] }, b: { c: 'x' } });
    expect(shareUnchanged({ a: { deep: [1, 2] }, b: { c: 'x' } }, previous)).toBe(previous);
    const next = shareUnchanged({ a: { deep: [1, 2] }, b: { c: 'y' } }, previous);
    expect(next).not.toBe(previous);
    expect(next.a).toBe(previous.a);
    expect(next.b).toEqual({ c: 'y' });
  });

  it('treats another key order, an extra key or another type as a change', () => {
    const previous = deepFreeze({ a: 1, b: 2 });
    expect(shareUnchanged({ b: 2, a: 1 }, previous)).not.toBe(previous);
    expect(shareUnchanged({ a: 1, b: 2, c: 3 }, previous)).not.toBe(previous);
    expect(shareUnchanged({ a: 1 }, previous)).not.toBe(previous);
    expect(shareUnchanged([1, 2], { 0: 1, 1: 2 })).toEqual([1, 2]);
  });

  it('agrees with jsonEqual on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const previous = deepFreeze(structuredClone(a));
        const shared = shareUnchanged(structuredClone(b), previous);
        expect(Object.is(shared, previous)).toBe(jsonEqual(a, b));
        expect(shared).toEqual(b);
      }),
    );
  });
});

describe('jsonEqual', () => {
  it('compares values, arrays item by item and objects key by key in order', () => {
    expect(jsonEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
    expect(jsonEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe('createStateSerializer', () => {
  const sectioned = fc.record({
    servers: fc.dictionary(fc.string(), fc.jsonValue()),
    order: fc.array(fc.string()),
    settings: fc.jsonValue(),
  });

  it('writes exactly the bytes of serializeEnvelope, for any JSON', () => {
    const serializer = createStateSerializer();
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), sectioned), fc.integer({ min: 1, max: 9 }), (data, version) => {
        const expected = serializeEnvelope(version, data);
        expect(serializer.serialize(version, data).toString('utf8')).toBe(expected);
        expect(serializer.serialize(version, deepFreeze(data)).toString('utf8')).toBe(expected);
      }),
    );
  });

  it('matches JSON.stringify where it drops or replaces values', () => {
    const serializer = createStateSerializer();
    const data = {
      servers: { a: { kept: 1, dropped: undefined, fn: () => 1 }, gone: undefined },
      list: [undefined, 1],
      when: new Date('2025-01-02T03:04:05.000Z'),
    };
    expect(serializer.serialize(1, data).toString('utf8')).toBe(serializeEnvelope(1, data));
  });

  it('reuses the bytes of an unchanged frozen entry in the next version', () => {
    const serializer = createStateSerializer();
    const first = deepFreeze({ servers: { a: { name: 'A' }, b: { name: 'B' } } });
    serializer.serialize(1, first);
    const second = writeAt(first, ['servers', 'a'], deepFreeze({ name: 'A2' }));
    expect(serializer.serialize(1, second).toString('utf8')).toBe(serializeEnvelope(1, second));
  });
});

describe('schemaAtPath', () => {
  const entry = z.object({ name: z.string() });
  const schema = z.object({
    servers: z.record(z.string(), entry),
    settings: z.object({ on: z.boolean() }),
    checked: z.object({ n: z.number() }).refine((value) => value.n > 0),
    byKind: z.record(z.enum(['a', 'b']), entry),
  });

  it('follows object keys and string-keyed records', () => {
    expect(schemaAtPath(schema, ['servers', 's1'])).toEqual({ schema: entry, inRecord: true });
    expect(schemaAtPath(schema, ['settings'])?.inRecord).toBe(false);
    expect(schemaAtPath(schema, [])?.schema).toBe(schema);
  });

  it('gives up where validating a part alone could differ from validating the whole', () => {
    expect(schemaAtPath(schema, ['unknown'])).toBeNull();
    expect(schemaAtPath(schema, ['checked', 'n'])).toBeNull();
    expect(schemaAtPath(schema, ['byKind', 'a'])).toBeNull();
    expect(
      schemaAtPath(
        z.object({ a: z.string() }).refine(() => true),
        ['a'],
      ),
    ).toBeNull();
  });
});
