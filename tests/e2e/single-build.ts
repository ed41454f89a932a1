// The one-file build for the e2e tests that open it (single-file, csp):
// dist-single/index.html, rebuilt when any of its sources is newer.
import { execFileSync } from 'node:child_process';
import { productionBuildEnv } from './build-env';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const SINGLE_HTML = join(ROOT, 'dist-single', 'index.html');

/** Newest modification time of what the one-file build is made from. */
function newestSource(): number {
  let t = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  walk(join(ROOT, 'src'));
  walk(join(ROOT, 'public'));
  for (const f of ['index.html', 'vite.single.config.ts', 'csp.config.ts', 'package.json', 'package-lock.json']) t = Math.max(t, statSync(join(ROOT, f)).mtimeMs);
  return t;
}

/** Build dist-single/ unless it is newer than every source. */
export function ensureSingleBuild(): void {
  if (existsSync(SINGLE_HTML) && statSync(SINGLE_HTML).mtimeMs >= newestSource()) return;
  execFileSync('npm', ['run', '--silent', 'build:single', '--', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: productionBuildEnv() });
}
