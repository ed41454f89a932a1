// End-to-end tests: real Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core) against the built site served by `vite preview`.
// Run with `npm run test:e2e`; the unit/component tests use vite.config.ts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 180000,
    // One browser at a time: the machines these run on have few cores.
    fileParallelism: false,
  },
});
