/**
 * `npm run bench`: runs every benchmark module listed below, one after another, and writes
 * docs/benchmarks.md with the machine, the command, the date and a table per benchmark.
 * Exits non-zero when a goal is missed (after writing the report).
 */

import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { stopSandboxes } from './bench-sandbox';
import { MIB } from './bench-stats';
import { type BenchModule, type BenchReport, type BenchRow, reportPasses } from './bench-types';
import { cliFlowBench } from './cli-flow-bench';
import { decryptBench } from './decrypt-bench';
import { downloadBench } from './download-bench';
import { inboxScrollBench } from './inbox-scroll-bench';
import { overviewFlowBench } from './overview-flow-bench';
import { rendererTtiBench } from './renderer-tti-bench';
import { syncAllBench } from './sync-all-bench';
import { tokenReuseBench } from './token-reuse-bench';

/** Add new benchmark modules here. The ones on the sandbox share one out-of-process sandbox. */
export const BENCHMARKS: readonly BenchModule[] = [
  overviewFlowBench,
  cliFlowBench,
  downloadBench,
  tokenReuseBench,
  syncAllBench,
  decryptBench,
  rendererTtiBench,
  inboxScrollBench,
];

const REPORT_PATH = join(import.meta.dirname, '..', 'docs', 'benchmarks.md');

function formatNumber(value: number): string {
  if (Math.abs(value) >= 100) {
    return value.toFixed(0);
  }
  return Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function verdict(row: BenchRow): string {
  if (row.pass === undefined) {
    return '';
  }
  return row.pass ? 'pass' : '**FAIL**';
}

function section(module: BenchModule, outcome: BenchReport | Error): string {
  const lines = [`## ${module.name}`, '', `Goal: ${module.goal}.`, ''];
  if (outcome instanceof Error) {
    lines.push(`**Did not run:** ${outcome.message}`, '');
    return lines.join('\n');
  }
  lines.push(
    `Result: ${reportPasses(outcome) ? 'pass' : '**FAIL**'}.`,
    '',
    outcome.method,
    '',
    '| metric | median | unit | runs | goal | result |',
    '| --- | ---: | --- | ---: | --- | --- |',
    ...outcome.rows.map(
      (row) =>
        `| ${row.metric} | ${formatNumber(row.median)} | ${row.unit} | ${row.runs} | ${row.goal ?? ''} | ${verdict(row)} |`,
    ),
    '',
  );
  return lines.join('\n');
}

function machine(): string {
  const cpuList = cpus();
  return [
    '| | |',
    '| --- | --- |',
    `| CPU | ${cpuList[0]?.model.trim() ?? 'unknown'} |`,
    `| cores | ${cpuList.length} |`,
    `| memory | ${(totalmem() / MIB / 1024).toFixed(1)} GiB (${(freemem() / MIB / 1024).toFixed(1)} GiB free at start) |`,
    `| OS | ${platform()} ${release()} |`,
    `| Node | ${process.version} |`,
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const machineTable = machine();
  const sections: string[] = [];
  let allPass = true;
  // `npm run bench -- <words>` runs only the benchmarks whose name contains one of the words.
  const only = process.argv.slice(2).map((word) => word.toLowerCase());
  const selected = BENCHMARKS.filter(
    (module) => only.length === 0 || only.some((word) => module.name.toLowerCase().includes(word)),
  );
  for (const module of selected) {
    process.stdout.write(`bench: ${module.name}...\n`);
    let outcome: BenchReport | Error;
    try {
      outcome = await module.run();
      allPass &&= reportPasses(outcome);
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
      allPass = false;
    }
    const text = section(module, outcome);
    process.stdout.write(`${text}\n`);
    sections.push(text);
  }
  await stopSandboxes();
  const document = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); do not edit by hand. Medians over the stated number of runs.',
    '',
    `Command: \`npm run bench\` · date: ${started.toISOString()} · overall: ${allPass ? 'pass' : '**FAIL**'}`,
    '',
    '## Machine',
    '',
    machineTable,
    '',
    ...sections,
  ].join('\n');
  if (only.length === 0) {
    await mkdir(dirname(REPORT_PATH), { recursive: true });
    await writeFile(REPORT_PATH, document);
    process.stdout.write(`bench: wrote ${REPORT_PATH}\n`);
  } else {
    // A partial run is for development: it never replaces the full report.
    process.stdout.write('bench: partial run; docs/benchmarks.md left as it was\n');
  }
  if (!allPass) {
    process.exitCode = 1;
  }
}

await main();
