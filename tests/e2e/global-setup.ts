// Builds the site once and serves dist/ with `vite preview` on a free port;
// the tests read the address with inject('baseURL').
import { execFileSync } from 'node:child_process';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { productionBuildEnv } from './build-env';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  if (!process.env.E2E_SKIP_BUILD) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env: productionBuildEnv() });
  server = await preview({ preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report an address');
  project.provide('baseURL', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
