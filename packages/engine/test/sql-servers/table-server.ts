/**
 * A throw-away PostgreSQL 15 or one-shard ClickHouse server holding tables loaded from datasets'
 * rows (table-loader.ts), with a connection to it: for tests that evaluate the same agreement from
 * a file and from a table on each server.
 */
import type { SqlConnection } from '../../src/sql/sql-connection.js';
import { startClickHouseCluster } from './clickhouse-cluster.js';
import { startPostgres } from './postgres-server.js';
import { loadClickHouseTable, loadPostgresTable, type TableData } from './table-loader.js';

export interface TableServer {
    connection: SqlConnection;
    /** Closes the connection and stops the server. */
    stop(): Promise<void>;
}

export async function startTableServer(dialect: 'postgres' | 'clickhouse', tables: Record<string, TableData>): Promise<TableServer> {
    if (dialect === 'postgres') {
        const server = await startPostgres();
        const connection = await server.connect();
        for (const [name, data] of Object.entries(tables)) await loadPostgresTable(connection, name, data);
        return { connection, stop: async () => { await connection.close(); await server.stop(); } };
    }
    const cluster = await startClickHouseCluster({ shards: 1 });
    const connection = await cluster.connect();
    for (const [name, data] of Object.entries(tables)) await loadClickHouseTable(cluster, name, data);
    return { connection, stop: async () => { await connection.close(); await cluster.stop(); } };
}
