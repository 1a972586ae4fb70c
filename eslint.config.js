import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const serverOnly = [
  '**/server/**',
  '**/server',
  'fastify',
  'drizzle-orm',
  'drizzle-orm/*',
  'pg',
  '@electric-sql/*',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'drizzle',
      'rapport-data',
      'bench/results',
      'bench/.data',
      'e2e/artifacts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // A contract is zod only: it may import zod, src/common and other contracts.
    files: ['src/modules/*/contract.ts', 'src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...serverOnly, '**/web/**', 'react'], message: 'Contracts and common are zod-only.' },
          ],
        },
      ],
    },
  },
  {
    // Web code never imports server code.
    files: ['src/web/**/*.{ts,tsx}', 'src/modules/*/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: serverOnly, message: 'Web code must not import server code.' }] },
      ],
    },
  },
  {
    // Generic web code gets what modules add from the registry; only the composition file lists the modules.
    // The contracts of auth (the session) and views (saved list state) describe payloads the shell and the list page are built on.
    files: ['src/web/**/*.{ts,tsx}'],
    ignores: ['src/web/composition.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverOnly, message: 'Web code must not import server code.' },
            {
              regex: '(^|/)modules/(?!(auth|views)/contract$)',
              message:
                'src/web reads modules through the registry (src/web/registry.ts); list a module in src/web/composition.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // A module's server half reaches other modules only through their contract.ts and server/index.ts.
    files: ['src/modules/*/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./\\.\\./[a-z]+/server/(?!index$).+',
              message: "Import another module's server/index.ts, not its insides.",
            },
            {
              regex: '^(\\.\\./)+server/engine/.+',
              message: 'Import the record engine from server/engine (its index.ts), not its insides.',
            },
            { group: ['**/web/**'], message: 'Server code must not import web code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['vite.config.ts', 'vitest.config.ts', 'drizzle.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
