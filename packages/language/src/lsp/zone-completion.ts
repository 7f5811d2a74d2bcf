/**
 * IANA zone names, quoted unless the quote is already typed, wherever a zone is written: after
 * `timezone` (not when `timezone` is a parameter's type: `default` comes next), after a
 * timezone parameter's `default`, and as a client's value of one (`with zone = "…"`).
 */
import { timeZoneNames } from '@sla/engine';
import { AstUtils, CstUtils, type LangiumDocument } from 'langium';
import { CompletionItemKind, CompletionList } from 'vscode-languageserver';
import { isAgreement, isTemplateArguments } from '../generated/ast.js';
import { parameterNamed, templateOf } from '../model/template-parameters.js';
import { quotedValueRange } from './quoted-value-range.js';

/** `timezone "Europe/Be`, and what is typed of the zone. */
const AFTER_TIMEZONE = /\btimezone\s+("?)([^"\s]*)$/;
/** `parameter zone timezone ` (+ a word begun): the parameter's type, not a zone. */
const PARAMETER_TYPE = /^\s*parameter\s+[A-Za-z_]\w*\s+timezone\s+[A-Za-z_]*$/;
/** `parameter zone timezone default "Europe/Be`. */
const PARAMETER_DEFAULT = /^\s*parameter\s+[A-Za-z_]\w*\s+timezone\s+default\s+("?)([^"\s]*)$/;
/** `with zone = "Asia/To`, also after another argument (`…, zone = "`): the parameter's name, then the zone. */
const ARGUMENT = /(?:^\s*|\bwith\s+|,\s*)([A-Za-z_]\w*)\s*=\s*("?)([^"\s]*)$/;

export function zoneCompletion(document: LangiumDocument, text: string, offset: number): CompletionList | undefined {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const before = text.slice(lineStart, offset);
    const written = zoneBeingWritten(document, before, offset);
    if (!written) return undefined;
    const { quoted, typed } = written;
    const range = quotedValueRange(document, text, offset, typed, quoted, /^[^"\s]*"?/);
    const items = timeZoneNames()
        .filter(zone => zone.toLowerCase().includes(typed.toLowerCase()))
        .map(zone => ({ label: zone, kind: CompletionItemKind.Value, detail: 'IANA time zone', filterText: quoted ? `"${zone}` : zone, textEdit: { range, newText: `"${zone}"` } }));
    return CompletionList.create(items, false);
}

function zoneBeingWritten(document: LangiumDocument, before: string, offset: number): { quoted: boolean; typed: string } | undefined {
    const found = PARAMETER_DEFAULT.exec(before) ?? (PARAMETER_TYPE.test(before) ? null : AFTER_TIMEZONE.exec(before));
    if (found) return { quoted: found[1] === '"', typed: found[2] ?? '' };
    const argument = ARGUMENT.exec(before);
    if (argument && isZoneArgument(document, argument[1]!, offset)) return { quoted: argument[2] === '"', typed: argument[3] ?? '' };
    return undefined;
}

/** Is `name =` at the cursor a client's argument for a timezone parameter of its template? */
function isZoneArgument(document: LangiumDocument, name: string, offset: number): boolean {
    const root = document.parseResult.value.$cstNode;
    const node = root ? CstUtils.findLeafNodeBeforeOffset(root, offset)?.astNode : undefined;
    if (!node || !AstUtils.getContainerOfType(node, isTemplateArguments)) return false;
    const client = AstUtils.getContainerOfType(node, isAgreement);
    const template = client ? templateOf(client) : undefined;
    return parameterNamed(template, name)?.type === 'timezone';
}
