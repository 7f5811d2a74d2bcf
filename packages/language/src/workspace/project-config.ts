/**
 * `.slarc.json`: a project's settings, read by the CLI (from the working directory and the
 * folders of the files given) and by the language server (from each workspace folder), so
 * that the editor and CI agree. Its JSON schema is contributed by the VS Code extension
 * (packages/vscode/schemas/slarc.schema.json) and must list the same keys.
 */
export const PROJECT_CONFIG_FILE = '.slarc.json';

export interface ProjectConfig {
    /** Words flagged as vague in clauses, in addition to the built-in list. */
    vagueTerms: string[];
    /** Folders outside the project that dataset and import paths may read (relative to the file's folder). */
    allowDataOutside: string[];
}

/** The keys `.slarc.json` may hold, with an example of each for error messages. */
export const PROJECT_CONFIG_KEYS: Readonly<Record<keyof ProjectConfig, string>> = {
    vagueTerms: '{ "vagueTerms": ["swiftly", "forthwith"] }',
    allowDataOutside: '{ "allowDataOutside": ["../exports"] }'
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
        throw new ProjectConfigError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ProjectConfigError(`${file} must hold a JSON object, e.g. ${PROJECT_CONFIG_KEYS.vagueTerms}.`);
    }
    const record = parsed as Record<string, unknown>;
    return { vagueTerms: stringList(record, 'vagueTerms', file, 'an array of strings'), allowDataOutside: stringList(record, 'allowDataOutside', file, 'an array of folder paths') };
}

function stringList(record: Record<string, unknown>, key: keyof ProjectConfig, file: string, what: string): string[] {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
        throw new ProjectConfigError(`${file}: "${key}" must be ${what}, e.g. ${PROJECT_CONFIG_KEYS[key]}.`);
    }
    return value as string[];
}
