import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test code: the files that may import `type:testing` libs and loosen the unsafe-any rules. */
const testFiles = [
  '**/*.spec.ts',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.fuzz-spec.ts',
  '**/*.containers-spec.ts',
  'apps/*/test/**/*.ts',
];

/** Who may import whom; `type:testing` is added for test code only (see `boundaries`). */
const depConstraints = (testing) => [
  {
    sourceTag: 'type:contracts',
    onlyDependOnLibsWithTags: [],
    // Contracts are message shapes: their schemas and validators, ids, no framework and no I/O.
    allowedExternalImports: [
      'ajv',
      'class-validator',
      'class-transformer',
      'class-transformer/*',
      'class-validator-jsonschema',
      'ulid',
    ],
  },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', ...testing] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:lib', ...testing] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  {
    sourceTag: 'scope:subscription-service',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:subscription-service'],
  },
  {
    sourceTag: 'scope:event-ingest-service',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:event-ingest-service'],
  },
  {
    sourceTag: 'scope:delivery-service',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:delivery-service'],
  },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cli'] },
  {
    sourceTag: 'scope:audit-projection-service',
    onlyDependOnLibsWithTags: ['scope:shared', 'scope:audit-projection-service'],
  },
  // The portal runs in browsers and talks to the platform over HTTP only; it may use the API client's types.
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:api-client'] },
];

const boundaries = (testing) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    // The workspace's own tsconfig is read by the scripts that map the `@hookline/*` aliases.
    allow: ['../../tsconfig.base.json'],
    depConstraints: depConstraints(testing),
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', 'jest.preset.js'],
  },
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      '@nx/enforce-module-boundaries': boundaries([]),
    },
  },
  {
    files: ['apps/portal/**/*.tsx', 'apps/portal/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The API client's code is for Node (node:crypto); the browser bundle takes its types only.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@hookline/client',
              allowTypeImports: true,
              message: 'The portal takes only types from the API client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': boundaries(['type:testing']),
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Contracts describe messages; reading files or the network belongs to the services.
    files: ['libs/contracts/src/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '!node:crypto'],
              message: 'Contracts do no I/O; only node:crypto (ids and hashes) is allowed.',
            },
          ],
        },
      ],
    },
  },
  {
    // The contracts' example messages are for tests and benchmarks; no service ships them.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: [...testFiles, 'libs/contracts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@hookline/contracts/testing', message: 'Example messages are for tests only.' }] },
      ],
    },
  },
  {
    // Scripts (tools, the CLI launcher) are plain JavaScript run by Node: no type information.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...js.configs.recommended,
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries([]),
      '@typescript-eslint/no-require-imports': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
);
