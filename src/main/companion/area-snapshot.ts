import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { stateDir } from './area-store';

// Reads another area's cache file as it is on disk, without opening it as a store (json-store:
// one writer per file per process). Writes are atomic renames, so a read sees a whole version; an
// area emits its `<area>.changed` event after its write, so a listener reading then sees the change.

/** One Server's entry of `<dataDir>/state/<area>.json`, or undefined (no file, no entry, unparseable). */
export async function readAreaEntry<S extends z.ZodType>(
  dataDir: string,
  area: string,
  schema: S,
  serverId: string,
): Promise<z.output<S> | undefined> {
  const servers = await readServers(dataDir, area);
  // Only the wanted entry is validated: a listener reading after each Server's change must not
  // re-validate every Server's entry each time.
  if (servers === null || !Object.hasOwn(servers, serverId)) return undefined;
  const parsed = schema.safeParse(servers[serverId]);
  return parsed.success ? parsed.data : undefined;
}

/** Every Server's entry that parses. */
export async function readAreaEntries<S extends z.ZodType>(
  dataDir: string,
  area: string,
  schema: S,
): Promise<Map<string, z.output<S>>> {
  const out = new Map<string, z.output<S>>();
  const servers = await readServers(dataDir, area);
  if (servers === null) return out;
  for (const [serverId, entry] of Object.entries(servers)) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) out.set(serverId, parsed.data);
  }
  return out;
}

/** The file's `data.servers` object as JSON, unvalidated; null when missing or unreadable. */
async function readServers(dataDir: string, area: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(path.join(stateDir(dataDir), `${area}.json`), 'utf8');
  } catch {
    return null;
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return null;
  }
  const servers = (envelope as { data?: { servers?: unknown } } | null)?.data?.servers;
  if (typeof servers !== 'object' || servers === null) return null;
  return servers as Record<string, unknown>;
}
