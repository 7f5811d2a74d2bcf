/**
 * Reading ClickHouse's `TabSeparatedWithNamesAndTypes` output. TSV rather than JSON because
 * JSON writes Decimals as bare numbers, which `JSON.parse` would round to doubles: here every
 * 64-bit integer and Decimal stays the exact text the server wrote.
 */
import type { SqlResult, SqlValue } from './sql-connection.js';

/** Types read as JavaScript numbers (exact in a double); all wider integers and Decimals stay strings. */
const NUMBER_TYPES = new Set(['Int8', 'Int16', 'Int32', 'UInt8', 'UInt16', 'UInt32', 'Float32', 'Float64']);

export function parseClickHouseTsv(body: string): Omit<SqlResult, 'bytesReceived'> {
    if (body === '') return { columns: [], rows: [] };
    const lines = body.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const columns = (lines[0] ?? '').split('\t').map(unescapeTsv);
    const types = (lines[1] ?? '').split('\t').map(unescapeTsv);
    const readers = types.map(cellReader);
    const rows: SqlValue[][] = [];
    for (let r = 2; r < lines.length; r++) {
        const cells = lines[r]!.split('\t');
        rows.push(cells.map((cell, c) => readers[c]!(cell)));
    }
    return { columns, rows };
}

function cellReader(type: string): (cell: string) => SqlValue {
    let inner = type;
    let nullable = false;
    for (;;) {
        const wrapped = /^(Nullable|LowCardinality)\((.*)\)$/.exec(inner);
        if (!wrapped) break;
        if (wrapped[1] === 'Nullable') nullable = true;
        inner = wrapped[2]!;
    }
    const base = inner.replace(/\(.*$/, '');
    const isNumber = NUMBER_TYPES.has(base);
    const isNothing = base === 'Nothing';
    return (cell) => {
        if ((nullable || isNothing) && cell === '\\N') return null;
        if (isNumber) return readNumber(cell);
        return unescapeTsv(cell);
    };
}

function readNumber(cell: string): number {
    switch (cell) {
        case 'inf':
        case '+inf':
            return Infinity;
        case '-inf':
            return -Infinity;
        case 'nan':
        case '-nan':
            return NaN;
        default:
            return Number(cell);
    }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', r: '\r', n: '\n', t: '\t', '0': '\0', "'": "'", '\\': '\\' };

/** TSV's escapes: `\t`, `\n`, `\\`, `\'`, `\0`… (an unknown escape keeps the character). */
function unescapeTsv(cell: string): string {
    if (!cell.includes('\\')) return cell;
    return cell.replace(/\\(.)/gs, (_, ch: string) => ESCAPES[ch] ?? ch);
}
