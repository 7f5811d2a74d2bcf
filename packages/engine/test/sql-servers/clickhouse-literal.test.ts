/**
 * The one escaping function of the ClickHouse connection (18.16 has no server-side parameters),
 * checked by hand-written expectations; clickhouse-connection.test.ts sends the same hostile
 * values to a real server and reads them back.
 */
import { describe, expect, it } from 'vitest';
import { bindClickHouseParameters, clickHouseLiteral } from '../../src/sql/clickhouse-literal.js';
import { parseClickHouseError } from '../../src/sql/clickhouse-connection.js';
import { parseClickHouseTsv } from '../../src/sql/clickhouse-result.js';

describe('clickHouseLiteral', () => {
    it('escapes backslash and quote, so no value can end its literal', () => {
        expect(clickHouseLiteral("O'Brien")).toBe("'O\\'Brien'");
        expect(clickHouseLiteral('\\')).toBe("'\\\\'");
        // A backslash before a quote: both escaped, the literal still ends only at the last quote.
        expect(clickHouseLiteral("\\'; DROP TABLE t; --")).toBe("'\\\\\\'; DROP TABLE t; --'");
    });

    it('writes control characters as \\xHH', () => {
        expect(clickHouseLiteral('a\nb\tc\0d\x7f')).toBe("'a\\x0ab\\x09c\\x00d\\x7f'");
    });

    it('keeps text beyond ASCII as it is', () => {
        expect(clickHouseLiteral('é 😀')).toBe("'é 😀'");
    });

    it('parenthesises negative numbers (so `a-$1` never reads `a--1`, a comment)', () => {
        expect(clickHouseLiteral(-1)).toBe('(-1)');
        expect(clickHouseLiteral(-0)).toBe('0');
        expect(clickHouseLiteral(-5n)).toBe('(-5)');
        expect(clickHouseLiteral(0.1)).toBe('0.1');
    });

    it('binds null and booleans; refuses what has no literal', () => {
        expect(clickHouseLiteral(null)).toBe('NULL');
        expect(clickHouseLiteral(true)).toBe('1');
        expect(clickHouseLiteral(false)).toBe('0');
        expect(() => clickHouseLiteral(NaN)).toThrow(/NaN/);
        expect(() => clickHouseLiteral(Infinity)).toThrow(/Infinity/);
        // 18.16 answers a subnormal literal with a syntax error.
        expect(() => clickHouseLiteral(5e-324)).toThrow(/subnormal/);
    });
});

describe('bindClickHouseParameters', () => {
    it('replaces $n by literals, $10 as a whole', () => {
        const params = Array.from({ length: 10 }, (_, i) => i + 1);
        expect(bindClickHouseParameters('SELECT $1, $10, $2', params)).toBe('SELECT 1, 10, 2');
    });

    it('leaves $n inside strings, quoted identifiers and comments alone', () => {
        const text = "SELECT '$1', \"$1\", `$1`, 'it\\'s $1', 'it''s $1' -- $1\n, $1 /* $1 */";
        expect(bindClickHouseParameters(text, ['x'])).toBe("SELECT '$1', \"$1\", `$1`, 'it\\'s $1', 'it''s $1' -- $1\n, 'x' /* $1 */");
    });

    it('does not rescan a bound value: a value containing $2 stays text', () => {
        expect(bindClickHouseParameters('SELECT $1, $2', ['$2', 'b'])).toBe("SELECT '$2', 'b'");
    });

    it('a placeholder without a value is an error, not an empty literal', () => {
        expect(() => bindClickHouseParameters('SELECT $2', ['a'])).toThrow(/\$2 but has 1 parameter/);
    });
});

describe('ClickHouse answers', () => {
    it('reads TabSeparatedWithNamesAndTypes with exact wide numbers and NULL', () => {
        const body = 'a\tb\tc\td\n' + 'UInt64\tNullable(Float64)\tString\tDecimal(38, 2)\n' + '18446744073709551615\t\\N\tx\\ty\\\\z\t0.10\n';
        expect(parseClickHouseTsv(body)).toEqual({ columns: ['a', 'b', 'c', 'd'], rows: [['18446744073709551615', null, 'x\ty\\z', '0.10']] });
    });

    it('reads the error of an 18.x and of a current server', () => {
        expect(parseClickHouseError("Code: 60, e.displayText() = DB::Exception: Table default.nope doesn't exist., e.what() = DB::Exception\n")).toEqual({
            code: 60,
            message: "Table default.nope doesn't exist."
        });
        expect(parseClickHouseError('Code: 60. DB::Exception: Table default.nope does not exist. (UNKNOWN_TABLE) (version 24.8.4.13 (official build))\n')).toEqual({
            code: 60,
            message: 'Table default.nope does not exist. (UNKNOWN_TABLE)'
        });
    });
});
