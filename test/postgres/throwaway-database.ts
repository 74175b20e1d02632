import { Client } from 'pg';

/** The PostgreSQL server the tests may create databases on (.ci/run starts one). */
export const SERVER_URL = process.env.TEST_POSTGRES_URL!;

/** A fresh database per test file on the test server: `create()` before the app starts, `drop()` after it closes. */
export function throwawayDatabase(prefix: string) {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    url: SERVER_URL.replace(/\/[^/]*$/, `/${name}`),
    create: () => admin(`CREATE DATABASE ${name}`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
