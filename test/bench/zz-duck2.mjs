import { readFileSync } from 'node:fs';
import { openDuckDb } from '@sla/engine';
const db = await openDuckDb('duckdb::memory:');
await db.query({ text: "CREATE TABLE tickets AS SELECT * FROM read_csv('/tmp/sla-bench-outages-100000-v1/tickets.csv', header = true, columns = {'opened': 'TIMESTAMPTZ', 'priority': 'VARCHAR', 'resolved': 'TIMESTAMPTZ'})", params: [] });
for (const f of process.argv.slice(2)) {
  const t0 = performance.now();
  const r = await db.query({ text: readFileSync(f, 'utf8'), params: [] });
  console.log(f, Math.round(performance.now() - t0), JSON.stringify(r.rows));
}
await db.close();
