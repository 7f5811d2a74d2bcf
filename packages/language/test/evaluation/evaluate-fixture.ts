import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EvaluateOptions, Report } from '@sla/engine';
import { evaluateDocument } from '../../src/evaluation/evaluate-document.js';
import { loadSlaFiles } from '../../src/node.js';

/** Writes an agreement and its data files into a fresh folder and evaluates it as the CLI does. */
export async function evaluateFixture(files: Record<string, string>, options: EvaluateOptions = {}): Promise<Report> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-language-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), text);
    const slaFile = Object.keys(files).find(name => name.endsWith('.sla'))!;
    const { documents, services } = await loadSlaFiles([path.join(folder, slaFile)]);
    return evaluateDocument(documents[0], services, { now: Date.UTC(2027, 0, 1), ...options });
}
