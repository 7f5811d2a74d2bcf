// What the SQL benches share: reports compared without what names their source, and a
// connection that counts what came over the wire.

/** The report without what names its source (timing, paths, the engines section, row locations). */
export function comparable(report) {
    const copy = structuredClone(report);
    delete copy.generatedAt;
    delete copy.engines;
    delete copy.sourceFile;
    const strip = (node) => {
        if (Array.isArray(node)) return node.forEach(strip);
        if (node === null || typeof node !== 'object') return;
        delete node.line;
        if (typeof node.path === 'string' && 'rows' in node) delete node.path;
        Object.values(node).forEach(strip);
    };
    strip(copy);
    return JSON.stringify(copy);
}

/** A connection that counts what came over the wire (with `verbose`, each query's time, rows and start). */
export function counting(connection, verbose = false) {
    const stats = { queries: 0, rows: 0, bytes: 0 };
    return {
        stats,
        connection: {
            dialect: connection.dialect,
            async query(query, options) {
                const t0 = performance.now();
                const result = await connection.query(query, options);
                if (verbose) console.log(`  query ${(performance.now() - t0).toFixed(0)} ms, ${result.rows.length} rows: ${query.text.slice(0, 200)}…`);
                stats.queries++;
                stats.rows += result.rows.length;
                stats.bytes += result.bytesReceived ?? 0;
                return result;
            },
            close: () => connection.close()
        }
    };
}
