import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'schema/generated/', 'src/server/playground/assets/'] },
  js.configs.recommended,
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' } } },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is never a float: use kernel/money.' },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/graphql/**', 'type-graphql'], message: 'domain never imports graphql/' },
            { group: ['**/server/**', 'fastify'], message: 'domain never imports server/' },
          ],
        },
      ],
    },
  },
  {
    // The kernel (money, card checks, coded errors) is imported by domain and providers alike, so it imports
    // neither; providers and security never reach back into the domain.
    files: ['src/kernel/**/*.ts', 'src/providers/**/*.ts', 'src/security/**/*.ts'],
    ignores: ['src/providers/*/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/domain/**', '**/graphql/**', '**/server/**', '**/app/**'], message: 'kernel, providers and security never import domain/, graphql/, server/ or app/' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/providers/*/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../requests*', '../signing*', '../mapping*', '../client*', '../wire*'], message: 'a sandbox never shares code with its adapter' }] },
      ],
    },
  },
);
