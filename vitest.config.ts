import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // One migrated embedded database that every test file's PGlite starts from.
    globalSetup: ['src/server/testTemplate.ts'],
    pool: 'forks',
    // Each file opens its own database; the modules it imports are loaded once per worker instead of
    // once per file (importing the server took about 3 of every file's 4 s), and every core runs files.
    isolate: false,
    maxWorkers: availableParallelism(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
