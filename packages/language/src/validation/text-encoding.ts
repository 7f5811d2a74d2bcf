import { AstUtils, type ValidationChecks } from 'langium';
import type { SlaAstType } from '../generated/ast.js';
import { report } from './report.js';

/**
 * A `.sla` file saved in another encoding than UTF-8 (Latin-1 or Windows-1252 from an older
 * editor or a script) is read with each byte that is not UTF-8 replaced by U+FFFD: "Müller
 * GmbH" becomes "M�ller GmbH" in every report, and `where service = "café"` silently matches
 * no row. The replacement character is what is left of it, so its first place is reported (a
 * file holding the character itself, validly, is rare enough to be told to write it otherwise).
 */
export function textEncodingChecks(): ValidationChecks<SlaAstType> {
    return {
        Document: (document, accept) => {
            const text = document.$cstNode?.root.fullText;
            const at = text?.indexOf('\uFFFD') ?? -1;
            if (text === undefined || at < 0) return;
            let textDocument;
            try {
                textDocument = AstUtils.getDocument(document).textDocument;
            } catch {
                return;
            }
            let count = 0;
            for (let i = at; i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
            const more = count > 1 ? ` (${count} places in this file)` : '';
            report(accept, 'text-encoding',
                `This file is not UTF-8 text here: '\uFFFD' stands for bytes of another encoding (the file was probably saved as Latin-1 or Windows-1252)${more}, and the character they were is lost — in names, titles and filters alike. Save the file as UTF-8 (in VS Code: Reopen with Encoding, then Save with Encoding → UTF-8) and check the characters.`,
                { node: document, range: { start: textDocument.positionAt(at), end: textDocument.positionAt(at + 1) } });
        }
    };
}
