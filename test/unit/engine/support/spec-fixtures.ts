import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixtureDir = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'spec');

/** A spec example with its example.com addresses moved to a local test server's origin. */
export const specFixture = (name: string, origin: string): Record<string, unknown> => {
  const text = readFileSync(join(fixtureDir, `${name}.json`), 'utf8')
    .replaceAll('https://static.example.com', origin)
    .replaceAll('https://example.com', origin);
  return JSON.parse(text) as Record<string, unknown>;
};
