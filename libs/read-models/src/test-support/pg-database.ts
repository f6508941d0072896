import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const PG_ADMIN_URL = process.env.READ_MODEL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the PostgreSQL of this machine answers. Checked once, synchronously, so suites can be
 * declared skipped (saying why) where there is none; `.ci/run` sets READ_MODELS_REQUIRE_PG=1 so
 * that in CI a missing server fails the run instead.
 */
export const pgAvailability: { available: boolean; reason: string } = (() => {
  try {
    execFileSync(process.execPath, ['-e', `const {Client}=require('pg');const c=new Client(${JSON.stringify(PG_ADMIN_URL)});c.connect().then(()=>c.end()).catch(e=>{console.error(e.message);process.exit(1)})`], { stdio: 'pipe', timeout: 10_000 });
    return { available: true, reason: '' };
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { available: false, reason: `PostgreSQL not reachable at ${PG_ADMIN_URL}: ${stderr || String(error)}` };
  }
})();

/** `describe` when PostgreSQL answers; otherwise skipped with the reason, or failing when CI requires it. */
export function describePg(name: string, body: () => void): void {
  if (pgAvailability.available) return describe(name, body);
  if (process.env.READ_MODELS_REQUIRE_PG === '1') {
    return describe(name, () => it('needs PostgreSQL (READ_MODELS_REQUIRE_PG=1)', () => {
      throw new Error(pgAvailability.reason);
    }));
  }
   
  console.warn(`skipping "${name}": ${pgAvailability.reason}`);
  describe.skip(name, body);
}

/** A fresh, uniquely named database; drop it with the returned function. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
