/**
 * Client-scope lookalikes (evaluate/client-lookalikes.ts) where the client's filter is written in
 * SQL: the other clients' rows never reach a row sink, so the query that counts them is also
 * grouped by their value (one result row per other value of the client column: a client field
 * has few), and the project judges each value with `isLookalikeOf`, the one definition.
 *
 * Narrowing in SQL first was measured and dropped: on a 10M-row DuckDB table of 400 clients the
 * statistics query took 80–100 ms alone, 200–310 ms grouped by the other clients' values, and
 * 850–1,200 ms with a candidate test (lower(), a regular expression, a non-ASCII test) per row.
 */
import type { DatasetSpec, FieldSpec } from '../data/spec.js';
import { lookalikeForm, type ClientLookalike, LookalikeCounts } from '../evaluate/client-lookalikes.js';
import type { SqlDialectName, SqlValue } from './sql-connection.js';
import type { SqlParams } from './sql-dialect.js';
import { scopeValueSql } from './field-sql.js';

/** The client scope's field when its values are texts (text, enumeration), the only ones that can have lookalikes. */
export function lookalikeScopeField(spec: DatasetSpec & { clientScope?: { field: string } }): FieldSpec | undefined {
    const name = spec.clientScope?.field;
    const field = name === undefined ? undefined : spec.fields.find((candidate) => candidate.name === name);
    return field !== undefined && (field.kind === 'text' || field.kind === 'enum') ? field : undefined;
}

/**
 * A grouping key over the scope field: the row's value when it is none of `clients`' values, else
 * NULL (each value is judged here: lookalikesOfClients). Undefined when the field's values are not texts.
 * Group a query by it (the same text in SELECT and GROUP BY: the same placeholders) to count the candidates' rows.
 */
export function lookalikeKeySql(dialect: SqlDialectName, spec: DatasetSpec & { clientScope?: { field: string } }, types: Map<string, string> | undefined, clients: readonly string[], params: SqlParams): string | undefined {
    const field = lookalikeScopeField(spec);
    if (field === undefined || clients.length === 0) return undefined;
    const text = scopeValueSql(dialect, field, types);
    const own = `${text} IN (${clients.map((client) => params.bind(client)).join(', ')})`;
    return `CASE WHEN ${own} THEN NULL ELSE ${text} END`;
}

/** A candidate value found in SQL and its rows (for one client: rows that are not that client's). */
export interface CandidateRows {
    value: SqlValue | undefined;
    rows: number;
}

/**
 * Per client (in the order given), its lookalikes among the candidates: the values that pass
 * `isLookalikeOf` for it, with their rows, most rows first. A value may look like several
 * clients' (`Northwind` for `northwind` and `NORTHWIND`): it counts for each. '' is no value
 * (a missing one, as a file reader reads an empty cell: field-sql.ts).
 */
export function lookalikesOfClients(clients: readonly string[], candidates: Iterable<CandidateRows>): ClientLookalike[][] {
    const counts = clients.map((client) => new LookalikeCounts(client));
    // The clients by their form: a value is judged against those it may look like only.
    const byForm = new Map<string, number[]>();
    clients.forEach((client, index) => {
        const form = lookalikeForm(client);
        byForm.set(form, [...(byForm.get(form) ?? []), index]);
    });
    for (const { value, rows } of candidates) {
        if (typeof value !== 'string' || value === '' || rows <= 0) continue;
        for (const index of byForm.get(lookalikeForm(value)) ?? []) {
            const id = counts[index]!.idOf(value);
            if (id >= 0) counts[index]!.countId(id, rows);
        }
    }
    return counts.map((count) => count.entries());
}

/** `{ lookalikes }` when there are some, else nothing: a pass result without lookalikes has no such key. */
export function withLookalikes(lookalikes: readonly ClientLookalike[] | undefined): { lookalikes?: ClientLookalike[] } {
    return lookalikes === undefined || lookalikes.length === 0 ? {} : { lookalikes: [...lookalikes] };
}
