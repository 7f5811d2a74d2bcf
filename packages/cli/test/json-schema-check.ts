import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'vitest';
import { runSla } from './run-cli.js';

/**
 * The JSON Schemas `sla schema` prints, compiled once per test file, to check the JSON outputs
 * of tests against them (docs/cli.md, "sla schema").
 */
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = new Map<string, ValidateFunction>();

export function schemaOf(name: string, strict: boolean): Record<string, unknown> {
    const printed = runSla(['schema', name, ...(strict ? ['--strict'] : [])]);
    expect(printed.code, printed.stderr).toBe(0);
    return JSON.parse(printed.stdout) as Record<string, unknown>;
}

/** The validator of schema `name`; strict by default: it refuses fields the schema does not name. */
export function schemaValidator(name: 'report' | 'portfolio' | 'validate' | 'diff', strict = true): ValidateFunction {
    const key = `${name}:${strict}`;
    let found = validators.get(key);
    if (!found) validators.set(key, found = ajv.compile(schemaOf(name, strict)));
    return found;
}

/** The validator's errors, a line each, for a failing expectation's message. */
export const schemaErrors = (check: ValidateFunction) =>
    (check.errors ?? []).slice(0, 10).map(error => `${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`).join('\n');

/** Fails the test when `json` (an agreement's or a portfolio's report) is not valid under the strict schema. */
export function expectValidReport(json: Record<string, unknown>): void {
    const check = schemaValidator(json.kind === 'portfolio' ? 'portfolio' : 'report');
    expect(check(json), schemaErrors(check)).toBe(true);
}
