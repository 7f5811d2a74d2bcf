/**
 * Where a JSON text (`.slarc.json`) first breaks the JSON grammar, and what is wrong there, for a
 * message that names the line and column: JSON.parse's own messages name neither in some cases
 * ("Unexpected end of JSON input") and differ between Node versions.
 */
// jsonc-parser (VS Code's JSON parser) finds the fault. `#jsonc-parser` (package.json "imports")
// gives bundlers its ESM build, through esbuild's default "module" condition: its main UMD build
// requires its own files at run time, which a bundle does not have. Node, which cannot load that
// ESM build (its imports have no file extension), gets the UMD build.
import { ParseErrorCode, visit } from '#jsonc-parser';

export interface JsonSyntaxError {
    /** 1-based. */
    line: number;
    /** 1-based, in characters. */
    column: number;
    problem: string;
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
    const fault = firstFault(text);
    if (fault === undefined) return undefined;
    // The text ends too early: point after its last character, not at blank lines after it.
    const at = Math.min(fault.offset, text.trimEnd().length);
    const before = text.slice(0, at);
    return { line: before.split('\n').length, column: at - (before.lastIndexOf('\n') + 1) + 1, problem: problemOf(fault, text) };
}

/** The parser's first error, with what it knows of the place: the closers of the open objects and lists, and whether the value was complete. */
interface Fault {
    code: ParseErrorCode;
    offset: number;
    length: number;
    openClosers: ('}' | ']')[];
    valueComplete: boolean;
}

function firstFault(text: string): Fault | undefined {
    let fault: Fault | undefined;
    const openClosers: ('}' | ']')[] = [];
    let valueComplete = false;
    const close = () => {
        openClosers.pop();
        valueComplete = openClosers.length === 0;
    };
    visit(text, {
        onObjectBegin: () => void openClosers.push('}'),
        onArrayBegin: () => void openClosers.push(']'),
        onObjectEnd: close,
        onArrayEnd: close,
        onLiteralValue: () => void (valueComplete ||= openClosers.length === 0),
        onError: (code, offset, length) => void (fault ??= { code, offset, length, openClosers: [...openClosers], valueComplete })
    }, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    return fault;
}

/** The fault in plain words. */
function problemOf(fault: Fault, text: string): string {
    const token = text.slice(fault.offset, fault.offset + fault.length);
    const atEnd = fault.offset >= text.trimEnd().length;
    const closer = fault.openClosers.at(-1);
    switch (fault.code) {
        case ParseErrorCode.InvalidSymbol:
            if (token.startsWith('\uFEFF')) return 'a byte order mark (BOM) starts the file: save it as UTF-8 without BOM';
            if (fault.valueComplete) return 'text after the end of the JSON value';
            if (token.startsWith("'")) return 'a string in single quotes: JSON strings take double quotes';
            if (/^[-.\d]/.test(token)) return 'a number is malformed here';
            if (token.charCodeAt(0) < 0x20) return 'a control character is not allowed here';
            return `${shown(token)} is not JSON: names and strings take double quotes, and the only words are true, false and null`;
        case ParseErrorCode.EndOfFileExpected:
            return 'text after the end of the JSON value';
        case ParseErrorCode.InvalidCommentToken:
        case ParseErrorCode.UnexpectedEndOfComment:
            return 'a comment: JSON has no comments';
        case ParseErrorCode.ValueExpected:
            if (text.trim() === '') return 'the file is empty';
            if (atEnd) return 'the text ends where a value is expected: a bracket, brace or quote is not closed';
            // A list's "]" where a value is expected comes after a comma ("[]" is an empty list).
            if (token === ']' && closer === ']') return 'a comma before "]": JSON allows no trailing comma';
            return `a value is expected here, not ${shown(token)}`;
        case ParseErrorCode.PropertyNameExpected:
            // "}" where a name is expected comes after a comma ("{}" is an empty object).
            if (token === '}') return 'a comma before "}": JSON allows no trailing comma';
            return `a property name in double quotes is expected here, not ${shown(token)}`;
        case ParseErrorCode.ColonExpected:
            return `":" is expected after the property name${atEnd ? ', and the text ends' : ''}`;
        case ParseErrorCode.CommaExpected:
            return `"," or "${closer ?? '}'}" is expected here, not ${shown(token)}`;
        case ParseErrorCode.CloseBraceExpected:
            return atEnd ? 'the text ends inside an object: a "}" is missing' : `"}" is expected here, not ${shown(token)}`;
        case ParseErrorCode.CloseBracketExpected:
            return atEnd ? 'the text ends inside a list: a "]" is missing' : `"]" is expected here, not ${shown(token)}`;
        case ParseErrorCode.UnexpectedEndOfString:
            // The parser ends an unclosed string at the end of its line, or of the text.
            return fault.offset + fault.length >= text.length
                ? 'the text ends inside a string: a closing quote is missing'
                : 'the string that starts here ends at a line break: its closing quote is probably missing';
        case ParseErrorCode.InvalidEscapeCharacter:
        case ParseErrorCode.InvalidUnicode:
            return 'the string that starts here holds an invalid escape (write "\\\\" for a backslash, as in a Windows path)';
        case ParseErrorCode.InvalidCharacter:
            return 'the string that starts here holds a control character (write a tab as "\\t")';
        case ParseErrorCode.InvalidNumberFormat:
        case ParseErrorCode.UnexpectedEndOfNumber:
            return 'a number is malformed here';
        default:
            // An error code of a later jsonc-parser.
            return 'the JSON is malformed here';
    }
}

function shown(token: string): string {
    return token.startsWith('"') ? 'a quote (a comma is probably missing)' : token.charCodeAt(0) < 0x20 ? 'a control character' : `"${token}"`;
}
