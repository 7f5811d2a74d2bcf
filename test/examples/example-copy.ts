import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EvaluateOptions, Report } from '@sla/engine';
import { evaluateDocument } from '../../packages/language/src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../packages/language/src/node.js';

/**
 * An example's agreement `file` — as written, or `text` in its place — over a copy of the
 * example's `data/` folder: its diagnostics and its report with `options` (the copy is removed).
 */
export async function evaluateExampleCopy(folder: string, file: string, text: string, options: EvaluateOptions): Promise<{ diagnostics: Diagnostic[]; report: Report }> {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-example-'));
    fs.cpSync(path.join(folder, 'data'), path.join(copy, 'data'), { recursive: true });
    fs.writeFileSync(path.join(copy, file), text);
    try {
        const { documents, services } = await loadSlaFiles([path.join(copy, file)]);
        return { diagnostics: documents[0]!.diagnostics ?? [], report: await evaluateDocument(documents[0]!, services, options) };
    } finally {
        fs.rmSync(copy, { recursive: true, force: true });
    }
}
