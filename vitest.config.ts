import { defineConfig } from 'vitest/config';

// Tests in layers (STYLE.md 10):
// - unit: fast, small fakes, Node;
// - web: renderer components and stores in jsdom;
// - integration: the real engine against the real sandbox over loopback, real keychain;
// - e2e: the built renderer in Debian's chromium through the web harness.
export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain 'N passed, N failed' closing line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['test/web/**/*.test.{ts,tsx}'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // CLI tests start background Companions (docs/decisions/0002-cli-agent.md): each exits when
          // its test removes its data directory, and at the latest 30 s after its last command.
          env: { CDS_COMPANION_AGENT_IDLE_SECONDS: '30' },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
