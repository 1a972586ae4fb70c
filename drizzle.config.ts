import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/server/engine/tables.ts',
    './src/server/events/tables.ts',
    './src/server/http/tables.ts',
    './src/modules/*/server/tables.ts',
    './src/modules/*/server/objects.ts',
  ],
  out: './drizzle',
});
