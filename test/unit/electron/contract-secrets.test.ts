import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { events, methods } from '../../../src/shared/ipc/contract';

// Nothing secret crosses IPC (SECURITY.md "Secrets"): no result or event schema of the contract
// may name a field that could hold a client secret, a token, a password, a private key or a
// passphrase (`d` is the private part of a JWK, RFC 7518 §6.2.2.1). The binding parses every
// result with these schemas, which strips undeclared fields, so this walk covers what can cross.
const secretKey = /secret|token|password|private|passphrase|^d$/i;

/** Every object key reachable in a schema, with its path. */
function keysOf(schema: z.ZodType, path: string, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (inner: unknown, at: string) => keysOf(inner as z.ZodType, at, seen);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const own = Object.entries(shape).flatMap(([key, inner]) => [
        `${path}.${key}`,
        ...walk(inner, `${path}.${key}`),
      ]);
      return def.catchall ? [...own, ...walk(def.catchall, `${path}.*`)] : own;
    }
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'tuple':
      return [
        ...(def.items as z.ZodType[]).flatMap((item, index) => walk(item, `${path}[${index}]`)),
        ...(def.rest ? walk(def.rest, `${path}[...]`) : []),
      ];
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => walk(option, path));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'record':
    case 'map':
      return walk(def.valueType, `${path}{}`);
    case 'set':
      return walk(def.valueType, `${path}<>`);
    case 'pipe':
      return [...walk(def.in, path), ...walk(def.out, path)];
    case 'lazy':
      return walk((def.getter as () => z.ZodType)(), path);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'promise':
      return walk(def.innerType, path);
    default:
      return [];
  }
}

describe('the IPC contract', () => {
  it('walks nested shapes (the walker itself finds secrets where they are)', () => {
    const leaky = z.object({
      server: z.object({ name: z.string() }),
      keys: z.array(z.union([z.object({ kty: z.string(), d: z.string() }), z.null()])).optional(),
      byId: z.record(z.string(), z.object({ refreshToken: z.string() })),
    });
    const found = keysOf(leaky, 'leaky').filter((path) => secretKey.test(path.split('.').at(-1) ?? ''));
    expect(found).toEqual(['leaky.keys[].d', 'leaky.byId{}.refreshToken']);
  });

  it('has no result field that could carry a secret', () => {
    const paths = Object.entries(methods).flatMap(([name, spec]) => keysOf(spec.result, name));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => secretKey.test(path.split('.').at(-1) ?? ''))).toEqual([]);
  });

  it('has no event field that could carry a secret', () => {
    const paths = Object.entries(events).flatMap(([name, schema]) => keysOf(schema, name));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => secretKey.test(path.split('.').at(-1) ?? ''))).toEqual([]);
  });
});
