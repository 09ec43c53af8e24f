import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const ELECTRON_AT_THE_EDGE = [
  { name: 'electron', message: 'Keep Electron at the edge (src/main/electron, src/main/index.ts, src/preload).' },
  { name: 'electron-store', message: 'Pass the store in (createApp takes it).' }
]

const ENGINE_FRONT_DOOR = [{ regex: '(^|/)engine/.', message: 'Import the engine from src/engine (its index.ts), not from its inner files.' }]

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
        { paths: ELECTRON_AT_THE_EDGE }
      ]
    }
  },
  {
    // Main and the CLI use the engine only through its front door, src/engine/index.ts.
    files: ['src/main/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ELECTRON_AT_THE_EDGE, patterns: ENGINE_FRONT_DOOR }] }
  },
  {
    files: ['src/main/electron/**/*.ts', 'src/main/index.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ENGINE_FRONT_DOOR }] }
  }
)
