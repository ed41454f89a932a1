// The environment for building the site from inside a test run. Vitest sets
// VITEST* (the Svelte plugin then configures itself for tests and the bundle
// gets Svelte's server build) and NODE_ENV=test (Vite then builds in that
// mode, not production: about 10% more script). Both are removed so that the
// tests load what `npm run build` ships.
export function productionBuildEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
  return { ...env, NODE_ENV: 'production' };
}
