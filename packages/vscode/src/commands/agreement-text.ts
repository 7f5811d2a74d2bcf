// What the extension reads from an .sla file's text without the language server: plain code
// (no `vscode`), shared by the CodeLens, the inline results and "Evaluate with Other Data…".

/** An agreement's header: its name, the 0-based line it starts on and, for a client agreement, its template (`agreement X "…" from Template`). */
export interface AgreementHeader {
    name: string;
    line: number;
    template?: string;
    /** 0-based line and character of the template's name in the header (where go to definition finds the template). */
    templateAt?: { line: number; character: number };
}

/** Names of the agreements in `text`, with the 0-based line each starts on (and the template a client agreement is built from). */
export function agreementsIn(text: string): AgreementHeader[] {
    const found: AgreementHeader[] = [];
    text.split('\n').forEach((line, index) => {
        const match = /^\s*agreement\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
        if (!match) return;
        const header: AgreementHeader = { name: match[1]!, line: index };
        // `from Template` after the name and the optional title, before the block's `{`.
        const rest = line.slice(match[0].length).replace(/"(?:[^"\\]|\\.)*"/g, (title) => ' '.repeat(title.length));
        const from = /^([^{]*?\bfrom\s+)([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
        if (from) {
            header.template = from[2]!;
            header.templateAt = { line: index, character: match[0].length + from[1]!.length };
        }
        found.push(header);
    });
    return found;
}

/** Dataset names declared in `text` (`dataset name "…" from "…"`). */
export function datasetsIn(text: string): string[] {
    return [...text.matchAll(/^\s*dataset\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((match) => match[1]!);
}

/**
 * The text of the block that starts at `offset` (at or after it, its first `{` to the matching
 * `}`), skipping strings and `//` comments; to the end of the text when unclosed.
 */
function blockFrom(text: string, offset: number): { start: number; end: number } | undefined {
    let depth = 0;
    let start = -1;
    for (let i = offset; i < text.length; i++) {
        const c = text[i]!;
        if (c === '"') {
            for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
        } else if (c === '/' && text[i + 1] === '/') {
            while (i < text.length && text[i] !== '\n') i++;
        } else if (c === '{') {
            if (depth++ === 0) start = i;
        } else if (c === '}' && depth > 0 && --depth === 0) {
            return { start, end: i + 1 };
        }
    }
    return start < 0 ? undefined : { start, end: text.length };
}

/**
 * The datasets a template of `text` (its file's text) reads: those declared in the template,
 * and those the file declares outside it (a catalogue's shared `dataset incidents …`) that the
 * template names. `undefined` when the file has no template of that name.
 */
export function templateDatasetsIn(text: string, template: string): string[] | undefined {
    const header = new RegExp(`^[ \\t]*template\\s+${template}\\b`, 'm').exec(text);
    return header ? datasetsOfBlockAt(text, header.index) : undefined;
}

/**
 * Per agreement of `text`, the datasets it reads that the file says: those declared in its
 * block and those the file declares outside every block that the block names. (A client
 * agreement also reads its template's: templateDatasetsIn.)
 */
export function agreementDatasetsIn(text: string): Array<{ agreement: AgreementHeader; datasets: string[] }> {
    const lineStarts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    return agreementsIn(text).map((agreement) => ({ agreement, datasets: datasetsOfBlockAt(text, lineStarts[agreement.line]!) }));
}

/** The datasets of the block whose header starts at `offset`: its own, and those declared outside every agreement and template that it names. */
function datasetsOfBlockAt(text: string, offset: number): string[] {
    const block = blockFrom(text, offset);
    const body = block ? text.slice(block.start, block.end) : '';
    const own = datasetsIn(body);
    const code = body.replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\\n]|\\.)*"/g, '""');
    // Another agreement's own datasets are not this one's, even of the same name.
    const shared = datasetsIn(outsideBlocks(text)).filter((name) => new RegExp(`\\b${name}\\b`).test(code));
    return [...new Set([...own, ...shared])];
}

/** `text` with every agreement and template, header to closing brace, blanked out: the file's own declarations. */
function outsideBlocks(text: string): string {
    let outside = text;
    let end = 0;
    for (const header of text.matchAll(/^[ \t]*(?:agreement|template)\s+[A-Za-z_]/gm)) {
        if (header.index < end) continue;
        end = blockFrom(text, header.index)?.end ?? text.length;
        outside = outside.slice(0, header.index) + outside.slice(header.index, end).replace(/[^\n]/g, ' ') + outside.slice(end);
    }
    return outside;
}
