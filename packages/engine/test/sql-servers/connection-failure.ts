import { expect } from 'vitest';
import { SqlConnectionError } from '../../src/sql/sql-error.js';

/** The SqlConnectionError a query or connection attempt must fail with (the user's error, not a raw one). */
export async function connectionFailure(promise: Promise<unknown>): Promise<SqlConnectionError> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(SqlConnectionError);
        return error as SqlConnectionError;
    }
    throw new Error('expected the query to fail');
}
