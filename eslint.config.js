import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import boundaries: the folder on the left may not import the paths on the right. */
const boundaries = [
  {
    files: ['src/domain/**'],
    patterns: [
      '**/server/**',
      '**/web/**',
      '**/cli/**',
      '**/contracts/**',
      'kysely',
      'pg',
      'fastify',
      'react',
    ],
    message: 'src/domain is pure: no I/O, no framework, no other layer.',
  },
  {
    files: ['src/contracts/**'],
    patterns: ['**/server/**', '**/web/**', '**/cli/**'],
    message: 'Contracts are shared by server, web and CLI and depend on none of them.',
  },
  {
    files: ['src/web/**'],
    patterns: ['**/server/**', '**/cli/**', 'kysely', 'pg', 'fastify'],
    message: 'The web app talks to the server only over HTTP (src/web/lib/api-client.ts).',
  },
  {
    files: ['src/server/**'],
    patterns: ['**/web/**', '**/cli/**'],
    message: 'The server does not depend on the web app or the CLI.',
  },
];

/** Features meet only through each other's public.ts (cal.com's vertical slices). */
const featureSurface = {
  files: ['src/server/features/**'],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: ['**/web/**', '**/cli/**'],
            message: 'The server does not depend on the web app or the CLI.',
          },
          {
            regex: '^\\.\\./[a-z-]+/(?!public\\.ts$)',
            message: 'Another feature is reached only through its public.ts.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/web/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  ...boundaries.map(({ files, patterns, message }) => ({
    files,
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
  })),
  featureSurface,
);
