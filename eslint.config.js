// ESLint flat config (ESLint 10): recommended rules for JavaScript, TypeScript
// and Svelte (TypeScript inside <script lang="ts">), plus one project rule:
// the simulation core (src/sim/**) must be deterministic, so it may not read
// the wall clock, draw unseeded random numbers or use host timers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

const DETERMINISM =
  'src/sim must be deterministic: virtual time comes from the kernel (kernel.now, kernel.at/after, kernelClock), randomness from src/sim/random/streams.ts.';

export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'dist-single/', 'coverage/', '.scratch/'] },

  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,

  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
  },

  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
      },
    },
  },

  {
    files: ['src/sim/**/*.ts', 'src/sim/**/*.js', 'src/sim/**/*.svelte'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: `Date reads the wall clock. ${DETERMINISM}` },
        { name: 'performance', message: `performance.now() reads the wall clock. ${DETERMINISM}` },
        { name: 'setTimeout', message: `setTimeout runs on host time. ${DETERMINISM}` },
        { name: 'setInterval', message: `setInterval runs on host time. ${DETERMINISM}` },
        { name: 'setImmediate', message: `setImmediate runs on the host event loop. ${DETERMINISM}` },
        { name: 'requestAnimationFrame', message: `requestAnimationFrame runs on display time. ${DETERMINISM}` },
      ],
      // Date.now / performance.now are already caught above; these catch the
      // forms that no-restricted-globals does not see.
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: `Math.random is unseeded. ${DETERMINISM}` },
        { object: 'globalThis', property: 'setTimeout', message: `setTimeout runs on host time. ${DETERMINISM}` },
        { object: 'globalThis', property: 'setInterval', message: `setInterval runs on host time. ${DETERMINISM}` },
        { object: 'globalThis', property: 'Date', message: `Date reads the wall clock. ${DETERMINISM}` },
        { object: 'globalThis', property: 'performance', message: `performance reads the wall clock. ${DETERMINISM}` },
        { object: 'window', property: 'setTimeout', message: `setTimeout runs on host time. ${DETERMINISM}` },
        { object: 'window', property: 'setInterval', message: `setInterval runs on host time. ${DETERMINISM}` },
      ],
    },
  },
  {
    // xstate is not shipped: the run uses the generated tables. Its values are
    // imported only by the machine definitions (their xstate part is pure,
    // dropped by bundlers) and by the oracle (tests, benchmark, generator).
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/sim/machines/*.ts', 'src/sim/techniques/*/machine.ts', 'src/sim/techniques/persistent-machine.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'xstate', allowTypeImports: true, message: 'xstate is not shipped at run time: start machines from their generated tables (src/sim/machines/engine.ts startMachine).' }] }],
    },
  },
);
