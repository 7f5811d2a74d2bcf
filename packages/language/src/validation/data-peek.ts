/**
 * Reads the first data row of a dataset's file (a small read, cached by modification time),
 * so the editor can tell whether its timestamps carry a UTC offset.
 */
export type FirstRow = Record<string, unknown>;

const PEEK_BYTES = 64 * 1024;
const cache = new Map<string, { mtimeMs: number; row: FirstRow | undefined }>();

/** The first data row, or undefined when the file is missing, empty or unreadable. */
export async function peekFirstRow(filePath: string, format: 'csv' | 'json' | 'ndjson'): Promise<FirstRow | undefined> {
    try {
        const fs = await import('node:fs/promises');
        const stat = await fs.stat(filePath);
        const cached = cache.get(filePath);
        if (cached && cached.mtimeMs === stat.mtimeMs) return cached.row;
        const handle = await fs.open(filePath, 'r');
        let text: string;
        try {
            const buffer = Buffer.alloc(Math.min(PEEK_BYTES, stat.size));
            const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
            text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '');
        } finally {
            await handle.close();
        }
        const row = format === 'csv' ? firstCsvRow(text) : format === 'ndjson' ? firstNdjsonRow(text) : firstJsonRow(text);
        cache.set(filePath, { mtimeMs: stat.mtimeMs, row });
        return row;
    } catch {
        return undefined;
    }
}

/** The first two records of RFC 4180 CSV (quotes, escaped quotes, CRLF), as header → value. */
export function firstCsvRow(text: string): FirstRow | undefined {
    const records: string[][] = [];
    let record: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length && records.length < 2; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
            else if (c === '"') quoted = false;
            else field += c;
        } else if (c === '"') quoted = true;
        else if (c === ',') { record.push(field); field = ''; }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n') i++;
            record.push(field);
            field = '';
            if (record.some(f => f !== '')) records.push(record);
            record = [];
        } else field += c;
    }
    if (records.length < 2 && (field !== '' || record.length > 0) && !quoted) {
        record.push(field);
        records.push(record);
    }
    if (records.length < 2) return undefined;
    const [header, values] = records;
    return Object.fromEntries(header.map((name, i) => [name.trim(), values[i]]));
}

function firstNdjsonRow(text: string): FirstRow | undefined {
    const line = text.split(/\r?\n/).find(l => l.trim() !== '');
    if (!line) return undefined;
    try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null ? value as FirstRow : undefined;
    } catch {
        return undefined;
    }
}

/** The first object of a JSON array, found without parsing the (possibly cut) rest. */
function firstJsonRow(text: string): FirstRow | undefined {
    const start = text.indexOf('{');
    if (start < 0) return undefined;
    let depth = 0;
    let inString = false;
    for (let i = start; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (c === '\\') i++;
            else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{') depth++;
        else if (c === '}' && --depth === 0) {
            try {
                return JSON.parse(text.slice(start, i + 1)) as FirstRow;
            } catch {
                return undefined;
            }
        }
    }
    return undefined;
}

/** `2026-03-01T10:00:00Z`, `…+01:00` or an epoch number carry their offset; `2026-03-01 10:00` does not. */
export function hasOffset(value: unknown): boolean {
    if (typeof value === 'number') return true;
    if (typeof value !== 'string') return true;
    const text = value.trim();
    if (/^\d+(\.\d+)?$/.test(text)) return true;
    return /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(text) && /[T ]\d/.test(text);
}
