/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn (or those named on the command line),
 * each printing its figures and its ratio to a baseline measured in the same run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

async function main(): Promise<void> {
  // Names select benches; `--flags` and numbers are the benches' own options (`--growth-1m`, `--events 1000000`).
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
    .sort();
  for (const file of files) {
    console.log(`\n=== ${file} ===`);
    const mod = (await import(join(__dirname, file))) as { run: () => Promise<void> };
    await mod.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
