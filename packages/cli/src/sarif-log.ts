import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { pathSegmentsBelow, SYNTAX_ERROR_CODE, type ReportedDiagnostic } from './diagnostic-format.js';
import { SLA_VERSION } from './version.js';

/** Where the files are: results name them relative to it, as code scanning wants (the repository's root in CI). */
const SOURCE_ROOT = '%SRCROOT%';

const LEVELS: Record<ReportedDiagnostic['severity'], Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * `sla validate --format sarif`: the diagnostics as a SARIF 2.1.0 log, for GitHub code scanning
 * (`github/codeql-action/upload-sarif`), Azure DevOps and SARIF viewers. One run; one rule per
 * code that occurs, with the code's default level (`defaults`: the language's DIAGNOSTIC_SEVERITY);
 * positions are 1-based lines and UTF-16 columns, as the editor's; paths relative to `root`.
 */
export function sarifLog(diagnostics: readonly ReportedDiagnostic[], root: string, defaults: Readonly<Record<string, string>>): Log {
    const rules: ReportingDescriptor[] = [];
    const ruleIndex = new Map<string, number>();
    const results = diagnostics.map((diagnostic): Result => {
        let index = ruleIndex.get(diagnostic.code);
        if (index === undefined) {
            index = rules.length;
            ruleIndex.set(diagnostic.code, index);
            // A syntax error is the parser's, not a check's: it has no entry among the checks' levels, and is always an error.
            const level = diagnostic.code === SYNTAX_ERROR_CODE ? 'error' : defaults[diagnostic.code.replace(/^sla\//, '')];
            rules.push({
                id: diagnostic.code,
                ...(level === undefined ? {} : { defaultConfiguration: { level: LEVELS[level as ReportedDiagnostic['severity']] } })
            });
        }
        return {
            ruleId: diagnostic.code,
            ruleIndex: index,
            level: LEVELS[diagnostic.severity],
            message: { text: diagnostic.message },
            locations: [{
                physicalLocation: {
                    // A URI reference: forward slashes, each segment percent-encoded.
                    artifactLocation: { uri: pathSegmentsBelow(root, diagnostic.file).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT },
                    region: { startLine: diagnostic.line, startColumn: diagnostic.column, endLine: diagnostic.endLine, endColumn: diagnostic.endColumn }
                }
            }]
        };
    });
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: { driver: { name: 'sla', version: SLA_VERSION, semanticVersion: SLA_VERSION, rules } },
            originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(root.endsWith(path.sep) ? root : `${root}${path.sep}`).href } },
            columnKind: 'utf16CodeUnits',
            results
        }]
    };
}
