/**
 * `.slarc.json`: a project's settings, read by the CLI (from the working directory and the
 * folders of the files given) and by the language server (from each workspace folder), so
 * that the editor and CI agree. Its JSON schema is contributed by the VS Code extension
 * (packages/vscode/schemas/slarc.schema.json) and must list the same keys.
 */
import { defaultPasswordEnv } from '@sla/engine';
import { jsonSyntaxError } from './json-syntax-error.js';
export const PROJECT_CONFIG_FILE = '.slarc.json';

export interface ProjectConfig {
    /** Words flagged as vague in clauses, in addition to the built-in list. */
    vagueTerms: string[];
    /** Folders outside the project that dataset and import paths may read (relative to the file's folder). */
    allowDataOutside: string[];
    /** Named connections that datasets read tables of (`from table "t" of connection NAME`); passwords only from environment variables. */
    connections?: Record<string, ProjectConnection>;
}

/** A connection as `.slarc.json` names it: the URL without a password, and the variable that holds the password. */
export interface ProjectConnection {
    url: string;
    passwordEnv?: string;
}

/** The keys `.slarc.json` may hold, with an example of each for error messages. */
export const PROJECT_CONFIG_KEYS: Readonly<Record<keyof ProjectConfig, string>> = {
    vagueTerms: '{ "vagueTerms": ["swiftly", "forthwith"] }',
    allowDataOutside: '{ "allowDataOutside": ["../exports"] }',
    connections: '{ "connections": { "warehouse": { "url": "postgres://sla@localhost:5432/ops", "passwordEnv": "WAREHOUSE_PASSWORD" } } }'
};

export class ProjectConfigError extends Error {}

/**
 * Reads the text of a `.slarc.json` (`file` names it in messages). Malformed JSON or a key
 * of the wrong type throws ProjectConfigError: the tools cannot do what the user intended.
 * Unknown keys are ignored here (the editor's schema flags them while the file is edited).
 */
export function parseProjectConfig(text: string, file: string): ProjectConfig {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (error) {
        const where = jsonSyntaxError(text);
        throw new ProjectConfigError(where === undefined
            ? `${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
            : `${file} is not valid JSON at line ${where.line}, column ${where.column}: ${where.problem}. Correct it there: the file holds one JSON object, e.g. ${PROJECT_CONFIG_KEYS.vagueTerms}.`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ProjectConfigError(`${file} must hold a JSON object, e.g. ${PROJECT_CONFIG_KEYS.vagueTerms}.`);
    }
    const record = parsed as Record<string, unknown>;
    const config: ProjectConfig = { vagueTerms: stringList(record, 'vagueTerms', file, 'an array of strings'), allowDataOutside: stringList(record, 'allowDataOutside', file, 'an array of folder paths') };
    if (record.connections !== undefined) config.connections = connectionsOf(record.connections, file);
    return config;
}

/** `"connections": { "NAME": { "url": "…", "passwordEnv": "…" } }` (a plain URL string is accepted too). */
export function connectionsOf(value: unknown, file: string): Record<string, ProjectConnection> {
    const example = PROJECT_CONFIG_KEYS.connections;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ProjectConfigError(`${file}: "connections" must be an object of named connections, e.g. ${example}.`);
    const connections: Record<string, ProjectConnection> = {};
    for (const [name, entry] of Object.entries(value as Record<string, unknown>)) {
        const record = typeof entry === 'string' ? { url: entry } : entry;
        if (record === null || typeof record !== 'object' || Array.isArray(record) || typeof (record as { url?: unknown }).url !== 'string') {
            throw new ProjectConfigError(`${file}: connection "${name}" must have a "url" string, e.g. ${example}.`);
        }
        const { url, passwordEnv } = record as { url: string; passwordEnv?: unknown };
        if (passwordEnv !== undefined && typeof passwordEnv !== 'string') throw new ProjectConfigError(`${file}: connection "${name}": "passwordEnv" must be the name of an environment variable.`);
        const problem = connectionUrlProblem(url, name, passwordEnv);
        if (problem !== undefined) throw new ProjectConfigError(`${file}: connection "${name}": ${problem}`);
        connections[name] = passwordEnv === undefined ? { url } : { url, passwordEnv };
    }
    return connections;
}

/**
 * What is wrong with a connection URL, if anything: an unknown scheme, or a password in it
 * (passwords come only from environment variables, named for the connection `name` or by its
 * `passwordEnv`; the message never repeats the password).
 */
export function connectionUrlProblem(url: string, name: string, passwordEnv?: string): string | undefined {
    const scheme = /^([a-z]+):/.exec(url)?.[1];
    if (scheme === undefined || !['postgres', 'postgresql', 'clickhouse', 'duckdb'].includes(scheme)) {
        return 'the URL must start with postgres://, clickhouse:// or duckdb: (e.g. postgres://sla@localhost:5432/ops).';
    }
    if (/^[a-z]+:\/\/[^/@]*:[^/@]*@/.test(url)) {
        return `the URL holds a password: passwords never go in configuration files or on the command line; remove it and set the environment variable ${passwordEnv ?? defaultPasswordEnv(name)}${passwordEnv === undefined ? ` (or name another in the connection's "passwordEnv")` : ''}.`;
    }
    return undefined;
}

function stringList(record: Record<string, unknown>, key: keyof ProjectConfig, file: string, what: string): string[] {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
        throw new ProjectConfigError(`${file}: "${key}" must be ${what}, e.g. ${PROJECT_CONFIG_KEYS[key]}.`);
    }
    return value as string[];
}
