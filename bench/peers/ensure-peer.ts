import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * A benchmark peer lives in its own package under bench/peers/<name>, so the project's install
 * never pays for it. The first bench run installs it (with npm's own progress on the terminal).
 */
export function requirePeer(peer: string, probe: string): NodeRequire {
  const dir = join(__dirname, peer);
  if (!existsSync(join(dir, 'node_modules', probe))) {
    console.log(`bench: installing the ${peer} peer into bench/peers/${peer} (first run only; its sqlite3 compiles, ~100 s)`);
    const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`bench: installing the ${peer} peer failed (exit ${result.status})`);
  }
  return createRequire(join(dir, 'package.json'));
}
