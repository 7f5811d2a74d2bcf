/**
 * Binding values into ClickHouse queries. ClickHouse 18.16 (Debian's package, the tested
 * release) has no server-side query parameters ("Unknown setting param_x"), so the connection
 * substitutes `$1…` itself — with this one escaping function for literals, tested against
 * hostile values (clickhouse-literal.test.ts and the injection tests against a real server).
 */
import type { SqlValue } from './sql-connection.js';
import { SqlConnectionError } from './sql-error.js';

/**
 * A ClickHouse literal for a value. Strings escape backslash, quote and every control
 * character (`\xHH`), so no byte of user data can end the literal; negative numbers are
 * parenthesised so that `a-$1` can never become the comment marker `--`. Numbers travel as
 * numeric literals (ClickHouse parses those exactly; `toFloat64('…')` of a string may be one ulp
 * off on 18.16).
 */
export function clickHouseLiteral(value: SqlValue): string {
    if (value === null || value === undefined) return 'NULL';
    switch (typeof value) {
        case 'boolean':
            return value ? '1' : '0';
        case 'bigint':
            return value < 0n ? `(${value.toString()})` : value.toString();
        case 'number': {
            if (!Number.isFinite(value)) throw new SqlConnectionError('configuration', `Cannot bind ${String(value)} to a ClickHouse query`);
            // 18.16's parser rejects subnormal literals such as 5e-324 (a syntax error).
            if (value !== 0 && Math.abs(value) < 2.2250738585072014e-308) throw new SqlConnectionError('configuration', `Cannot bind the subnormal number ${String(value)} to a ClickHouse query`);
            const text = Object.is(value, -0) ? '0' : String(value);
            return value < 0 ? `(${text})` : text;
        }
        case 'string':
            return `'${escapeClickHouseString(value)}'`;
        default:
            throw new SqlConnectionError('configuration', `Cannot bind a value of type ${typeof value} to a ClickHouse query`);
    }
}

function escapeClickHouseString(value: string): string {
    let out = '';
    for (const ch of value) {
        const code = ch.codePointAt(0)!;
        if (ch === '\\') out += '\\\\';
        else if (ch === "'") out += "\\'";
        else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
        else out += ch;
    }
    return out;
}

/**
 * Replaces the placeholders `$1`, `$2`… of a query text by the literals of their values. A `$n`
 * inside a string literal, a quoted identifier or a comment is text, not a placeholder, so a
 * column named `"$1"` stays a column name.
 */
export function bindClickHouseParameters(text: string, params: readonly SqlValue[]): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const ch = text[i]!;
        if (ch === "'" || ch === '"' || ch === '`') {
            const end = quotedEnd(text, i, ch);
            out += text.slice(i, end);
            i = end;
        } else if (ch === '-' && text[i + 1] === '-') {
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? text.length : end;
            out += text.slice(i, stop);
            i = stop;
        } else if (ch === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? text.length : end + 2;
            out += text.slice(i, stop);
            i = stop;
        } else if (ch === '$' && /[0-9]/.test(text[i + 1] ?? '')) {
            let j = i + 1;
            while (j < text.length && /[0-9]/.test(text[j]!)) j++;
            const index = Number(text.slice(i + 1, j));
            if (index < 1 || index > params.length) {
                throw new SqlConnectionError('configuration', `The query uses $${index} but has ${params.length} parameter(s)`);
            }
            out += clickHouseLiteral(params[index - 1]!);
            i = j;
        } else {
            out += ch;
            i++;
        }
    }
    return out;
}

/** The index after a quoted token that starts at `start` (backslash escapes and doubled quotes both continue it). */
function quotedEnd(text: string, start: number, quote: string): number {
    let i = start + 1;
    while (i < text.length) {
        const ch = text[i]!;
        if (ch === '\\') {
            i += 2;
        } else if (ch === quote) {
            if (text[i + 1] === quote) i += 2;
            else return i + 1;
        } else {
            i++;
        }
    }
    return text.length;
}
