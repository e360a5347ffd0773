/**
 * One Companion download of bench/download-bench.ts, in its own process (built with vite and run
 * by plain node) so its peak RSS is the whole process's own.
 * Usage: node download-child.mjs <dataDir> <serverId> <fileId> <folder>  (vault from the environment)
 * Prints one JSON line: { ms, size, path, peakRssBytes, downloadPeakRssBytes, idleRssBytes }.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createCompanion } from '../src/main/companion/companion';
import { peakRssBytes } from './peak-rss';

/**
 * Linux: resets this process's peak RSS (VmHWM) so a later reading covers only what follows
 * (proc(5), /proc/pid/clear_refs "5"). False where that is not possible.
 */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** VmHWM from /proc/self/status in bytes, or null. */
function peakRssSinceReset(): number | null {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface DownloadSample {
  readonly ms: number;
  readonly size: number;
  readonly path: string;
  /** Peak RSS of this process image from its start (includes opening the vault; peak-rss.ts). */
  readonly peakRssBytes: number;
  /** Peak RSS from just before the download to its end (Linux VmHWM after a reset), or null. */
  readonly downloadPeakRssBytes: number | null;
  /** RSS once the Companion is open, before the download. */
  readonly idleRssBytes: number;
}

async function main(): Promise<void> {
  const [dataDir, serverId, fileId, folder] = process.argv.slice(2);
  if (!dataDir || !serverId || !fileId || !folder) {
    throw new Error('usage: download-child.mjs <dataDir> <serverId> <fileId> <folder>');
  }
  const companion = await createCompanion({ dataDir, version: '0.0.0-bench', env: process.env });
  try {
    const idleRssBytes = process.memoryUsage.rss();
    // The peak so far (opening the Companion and its vault), before the reset clears it.
    const fromStart = peakRssBytes();
    const reset = resetPeakRss();
    const started = performance.now();
    const result = await companion.api.handlers['files.download'](serverId, fileId, { folder });
    const ms = performance.now() - started;
    if (result.status !== 'complete' || result.path === null)
      throw new Error('the download did not complete');
    const downloadPeak = reset ? peakRssSinceReset() : null;
    const sample: DownloadSample = {
      ms,
      size: result.size,
      path: result.path,
      peakRssBytes: Math.max(fromStart, downloadPeak ?? peakRssBytes()),
      downloadPeakRssBytes: downloadPeak,
      idleRssBytes,
    };
    process.stdout.write(`${JSON.stringify(sample)}\n`);
  } finally {
    await companion.close();
  }
}

await main();
