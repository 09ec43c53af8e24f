import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', EventSource: 'readonly', MessageEvent: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-imports': 'off'
    }
  },
  {
    // The engine, the simulator and the CLI must run without Electron.
    // Main's services too: only src/main/electron and the entry point may touch Electron.
    files: ['src/engine/**/*.ts', 'src/simulator/**/*.ts', 'src/cli/**/*.ts', 'src/shared/**/*.ts', 'src/main/**/*.ts', 'e2e/harness/**/*.ts'],
    ignores: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Keep Electron at the edge (src/main/electron, src/main/index.ts, src/preload).' }, { name: 'electron-store', message: 'Pass the store in (createApp takes it).' }] }
      ]
    }
  }
)
