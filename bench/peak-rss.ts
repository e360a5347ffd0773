/**
 * Peak RSS of the current process image, for benchmark children.
 *
 * Linux keeps the pre-exec address space's high-water mark in getrusage's maxRSS across execve, and
 * a child of the bench is forked from the (large) bench process: maxRSS would report the parent's
 * size. /proc/self/status VmHWM belongs to the new image alone, so it is preferred; maxRSS is the
 * fallback where /proc is missing.
 */
import { readFileSync } from 'node:fs';

export function peakRssBytes(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // No procfs: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS * 1024;
}
