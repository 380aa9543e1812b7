#!/usr/bin/env node
// Builds the web UI into dist/web (run by `npm ci` through the prepare script). An install without
// development packages (npm ci --omit=dev) has no Vite: it says so and leaves the build to a machine
// that has one, instead of failing the install.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let vite;
try {
  vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
} catch {
  console.warn('qingshou: vite is not installed (production install?); the web UI was not built.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
