import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CdsValidationError, parseCds, safeParseCds } from '../../../src/shared/cds';
import { loadFixture, readManifest, schemaNamed } from './spec-fixtures';

const manifest = Object.entries(readManifest());
const schemaNames = [...new Set(manifest.map(([, entry]) => entry.schema))].sort();
const RUNS = { numRuns: 80 };

/** Either it parsed, or it failed with a CdsValidationError naming a JSON path; nothing else. */
function expectCleanOutcome(schemaName: string, value: unknown): void {
  let outcome: unknown;
  try {
    outcome = parseCds(schemaNamed(schemaName), value, 'random input');
  } catch (error) {
    expect(error).toBeInstanceOf(CdsValidationError);
    const validation = error as CdsValidationError;
    expect(validation.path.startsWith('$')).toBe(true);
    expect(validation.issues.length).toBeGreaterThan(0);
    expect(validation.message).toContain(validation.path);
    return;
  }
  expect(outcome).toBeDefined();
}

const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  maxDepth: 4,
});

/** Paths of every value inside a JSON document (objects and arrays), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function parentAndKey(
  root: unknown,
  path: (string | number)[],
): [Record<string | number, unknown>, string | number] {
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  return [parent, path[path.length - 1] as string | number];
}

describe('every schema, fed anything at all', () => {
  it.each(schemaNames)('%s: random values parse or fail cleanly', (schemaName) => {
    fc.assert(
      fc.property(anyValue, (value) => expectCleanOutcome(schemaName, value)),
      RUNS,
    );
  });

  it.each(schemaNames)('%s: random JSON objects parse or fail cleanly', (schemaName) => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (value) =>
        expectCleanOutcome(schemaName, value),
      ),
      RUNS,
    );
  });

  it('never throws on hostile objects: throwing getters, cycles, deep nesting', () => {
    const hostile = Object.defineProperty({}, 'cds_metadata_version', {
      enumerable: true,
      get() {
        throw new TypeError('boom');
      },
    });
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.capabilities = [cyclic];
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i++) deep = [deep];
    for (const value of [hostile, cyclic, { capabilities: deep }, deep]) {
      const result = safeParseCds(schemaNamed('cdsServerMetadataSchema'), value, 'CDS Server metadata');
      expect(result.success).toBe(false);
      if (!result.success) expect(result.error).toBeInstanceOf(CdsValidationError);
    }
  });
});

describe('fixtures, damaged at random', () => {
  const valid = manifest.filter(([, entry]) => entry.valid !== false);

  it.each(valid)(
    '%s: a field deleted or replaced by any JSON gives success or a clean error',
    (file, entry) => {
      const fixture = loadFixture<unknown>(file);
      const paths = pathsOf(fixture);
      if (paths.length === 0) return;
      fc.assert(
        fc.property(
          fc.constantFrom(...paths),
          fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
          (path, replacement) => {
            const damaged = structuredClone(fixture);
            const [parent, key] = parentAndKey(damaged, path);
            if (replacement === undefined) delete parent[key];
            else parent[key] = replacement;
            expectCleanOutcome(entry.schema, damaged);
          },
        ),
        { numRuns: 30 },
      );
    },
  );

  it.each(valid)('%s: wrong kinds of value at any path fail with that path or above it', (file, entry) => {
    const fixture = loadFixture<unknown>(file);
    const paths = pathsOf(fixture);
    if (paths.length === 0) return;
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.constantFrom<unknown>(12345, true, null, [], {}, 'text'),
        (path, wrong) => {
          const damaged = structuredClone(fixture);
          const [parent, key] = parentAndKey(damaged, path);
          parent[key] = wrong;
          const result = safeParseCds(schemaNamed(entry.schema), damaged, 'damaged fixture');
          if (!result.success) {
            expect(result.error).toBeInstanceOf(CdsValidationError);
            expect(result.error.issues.every((issue) => issue.path.startsWith('$'))).toBe(true);
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('errors never quote values', () => {
  it('a damaged Credential listing never repeats a client secret in its error', () => {
    const listing = loadFixture<{ credentials: Record<string, unknown>[] }>(
      'wg1-02-12.12-credential-listing.json',
    );
    const secrets = listing.credentials.map((credential) => String(credential.client_secret));
    fc.assert(
      fc.property(
        fc.nat({ max: listing.credentials.length - 1 }),
        fc.constantFrom('credential_id', 'uri', 'client_id', 'created', 'type', 'client_secret_expires_at'),
        fc.constantFrom<unknown>(undefined, 7, 'not-a-type', [], null),
        (index, field, wrong) => {
          const damaged = structuredClone(listing);
          const credential = damaged.credentials[index] as Record<string, unknown>;
          if (wrong === undefined) delete credential[field];
          else credential[field] = wrong;
          const result = safeParseCds(schemaNamed('credentialListingSchema'), damaged, 'Credential list');
          if (result.success) return;
          const text = `${result.error.message} ${JSON.stringify(result.error.issues)}`;
          for (const secret of secrets) expect(text).not.toContain(secret);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a wrong-kind secret itself is described by kind, not content', () => {
    const credential = loadFixture('wg1-02-12.14-credential.json');
    credential.client_secret = ['s3cr3t-value-that-must-not-leak'];
    const result = safeParseCds(schemaNamed('credentialSchema'), credential, 'Credential');
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error.message).not.toContain('s3cr3t');
      expect(result.error.message).toContain('should be text but is a list');
    }
  });
});
