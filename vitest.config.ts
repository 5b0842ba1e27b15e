import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CLI and library tests score with a pinned model (the 2026-12-06 ensemble), so retraining the
    // shipped model changes no test; the README's own outputs are checked against the shipped one.
    env: { SEOSPAM_MODEL: fileURLToPath(new URL('./test/fixtures/models/pinned', import.meta.url)) },
  },
});
