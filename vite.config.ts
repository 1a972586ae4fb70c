import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes `.br` and `.gz` beside every text file of the build, at the highest levels (once, at build
 * time), for the server's static files to send as they are (@fastify/static `preCompressed`); a copy
 * that would not be smaller is not written.
 */
function precompress(): Plugin {
  return {
    name: 'rapport-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.keys(bundle).filter((file) => /\.(js|css|html|svg|json)$/.test(file));
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(join(dir, file));
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
          };
          const copies = [
            ['br', await brotli(content, { params })],
            ['gz', await gzipped(content, { level: 9 })],
          ] as const;
          for (const [extension, compressed] of copies)
            if (compressed.length < content.length)
              await writeFile(join(dir, `${file}.${extension}`), compressed);
        }),
      );
    },
  };
}

const fromPackages = (names: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${names})[\\\\/]`);

export default defineConfig({
  plugins: [react(), precompress()],
  root: 'src/web',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries in chunks named after them, which stay cached across releases of the app's own code.
        // Left to itself, rolldown put every module shared by the entry and a lazy screen (React, Query,
        // half of Mantine) in one common chunk named after one of its modules: dayjs.min.
        codeSplitting: {
          groups: [
            { name: 'react', test: fromPackages('react|react-dom|scheduler') },
            { name: 'tanstack', test: fromPackages('@tanstack') },
            {
              name: 'mantine',
              test: fromPackages(
                '@mantine[\\\\/](?!charts)[a-z]+|@floating-ui|react-remove-scroll[^\\\\/]*|react-transition-group|react-number-format|use-callback-ref|use-sidecar|tslib|clsx',
              ),
            },
            { name: 'zod', test: fromPackages('zod') },
            { name: 'icons', test: fromPackages('@tabler') },
            { name: 'dayjs', test: fromPackages('dayjs') },
          ],
        },
      },
    },
  },
  server: { port: 5173, host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
