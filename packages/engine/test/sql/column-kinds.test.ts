/**
 * Which columns a field can read, by the type names the three engines give (DuckDB DESCRIBE,
 * PostgreSQL information_schema, ClickHouse system.columns): the rules the push-down and the
 * column check share (sql/column-kinds.ts).
 */
import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../../src/data/spec.js';
import { columnKind, fieldColumnProblem } from '../../src/sql/column-kinds.js';

const field = (kind: FieldSpec['kind']): FieldSpec => ({ name: 'f', column: 'f', kind, optional: false });

describe('column kinds', () => {
    it('ClickHouse: Nullable and LowCardinality looked through, Decimal and FixedString with their arguments', () => {
        expect(columnKind('clickhouse', 'LowCardinality(Nullable(String))')).toBe('text');
        expect(columnKind('clickhouse', 'Nullable(FixedString(16))')).toBe('text');
        expect(columnKind('clickhouse', 'Nullable(Decimal(18, 2))')).toBe('decimal');
        expect(columnKind('clickhouse', 'Nullable(Float64)')).toBe('float');
        expect(columnKind('clickhouse', 'UInt8')).toBe('integer');
        expect(columnKind('clickhouse', "DateTime('UTC')")).toBe('other');
    });

    it('PostgreSQL and DuckDB: their own names', () => {
        expect(['double precision', 'real', 'numeric', 'bigint', 'character varying', 'boolean', 'timestamp with time zone'].map((type) => columnKind('postgres', type))).toEqual(['float', 'float', 'decimal', 'integer', 'text', 'boolean', 'other']);
        expect(['DOUBLE', 'DECIMAL(38, 10)', 'HUGEINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP WITH TIME ZONE'].map((type) => columnKind('duckdb', type))).toEqual(['float', 'decimal', 'integer', 'text', 'boolean', 'other']);
    });

    it('a number field reads numbers and text, a boolean booleans, integers and text, a text field anything', () => {
        expect(fieldColumnProblem(field('integer'), 'decimal')).toBeUndefined();
        expect(fieldColumnProblem(field('duration'), 'text')).toBeUndefined();
        expect(fieldColumnProblem(field('integer'), 'other')).toBe('an integer field reads a number column (integer, decimal, float) or text holding numbers');
        expect(fieldColumnProblem(field('number'), 'boolean')).toBe('a number field reads a number column (integer, decimal, float) or text holding numbers');
        expect(fieldColumnProblem(field('boolean'), 'integer')).toBeUndefined();
        expect(fieldColumnProblem(field('boolean'), 'float')).toBe('a boolean field reads a boolean column, integers 0 and 1, or text holding true/false');
        expect(fieldColumnProblem(field('text'), 'other')).toBeUndefined();
        expect(fieldColumnProblem(field('enum'), 'integer')).toBeUndefined();
    });
});
