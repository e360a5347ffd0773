import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import * as cds from '../../../src/shared/cds';

export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/spec');

export interface ManifestEntry {
  readonly schema: string;
  readonly source: string;
  readonly valid?: boolean;
  readonly failsAt?: string;
}

export function readManifest(): Record<string, ManifestEntry> {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestEntry
  >;
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.json') && name !== 'manifest.json')
    .sort();
}

/** A fresh copy of a fixture's JSON, so tests may mutate it. */
export function loadFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8')) as T;
}

export function schemaNamed(name: string): z.ZodType {
  const schema = (cds as Record<string, unknown>)[name];
  if (schema === undefined || schema === null || typeof (schema as z.ZodType).safeParse !== 'function') {
    throw new Error(`src/shared/cds exports no schema named ${name}`);
  }
  return schema as z.ZodType;
}
