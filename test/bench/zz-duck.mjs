import { openDuckDb } from '@sla/engine';
const db = await openDuckDb('duckdb::memory:');
const r = await db.query({ text: process.argv[2], params: [] });
console.log(JSON.stringify(r.rows.slice(0, 50)));
await db.close();
