import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/cloud/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/cloud must not depend on vscode.' }] }],
    },
  },
  {
    // The export's rules (CSV, secrets, reading) are tested in plain Node: only the dialog file may use vscode.
    files: ['src/export/**/*.ts'],
    ignores: ['src/export/exportTable.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/export/exportTable.ts may depend on vscode.' }] }],
    },
  },
  {
    files: ['src/download/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/download is plain Node: it must not depend on vscode.' }] }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
