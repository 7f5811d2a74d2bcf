/**
 * Where a JSON text (`.slarc.json`) first breaks the JSON grammar, and what is wrong there, for a
 * message that names the line and column: JSON.parse's own messages name neither in some cases
 * ("Unexpected end of JSON input") and differ between Node versions.
 */
export interface JsonSyntaxError {
    /** 1-based. */
    line: number;
    /** 1-based, in characters. */
    column: number;
    problem: string;
}

/** The first syntax error of `text`, or undefined when it is valid JSON. */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
    const scanner = new JsonScanner(text);
    const offset = scanner.firstError();
    if (offset === undefined) return undefined;
    const before = text.slice(0, offset.at);
    const line = before.split('\n').length;
    return { line, column: offset.at - (before.lastIndexOf('\n') + 1) + 1, problem: offset.problem };
}

class JsonScanner {
    private at = 0;

    constructor(private readonly text: string) {}

    firstError(): { at: number; problem: string } | undefined {
        try {
            if (this.text.charCodeAt(0) === 0xfeff) this.fail('a byte order mark (BOM) starts the file: save it as UTF-8 without BOM');
            this.value();
            this.space();
            if (this.at < this.text.length) this.fail('text after the end of the JSON value');
            return undefined;
        } catch (error) {
            if (error instanceof ScanError) return { at: error.at, problem: error.problem };
            throw error;
        }
    }

    private value(): void {
        this.space();
        const char = this.text[this.at];
        if (char === undefined) this.fail('the text ends where a value is expected: a bracket, brace or quote is not closed');
        if (char === '{') return this.object();
        if (char === '[') return this.array();
        if (char === '"') return this.string();
        if (char === '-' || (char >= '0' && char <= '9')) return this.number();
        for (const word of ['true', 'false', 'null']) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length;
                return;
            }
        }
        if (char === "'") this.fail('a string in single quotes: JSON strings take double quotes');
        if (char === '/') this.fail('a comment: JSON has no comments');
        this.fail(`a value is expected here, not ${shown(char)}`);
    }

    private object(): void {
        this.at++;
        this.space();
        if (this.text[this.at] === '}') {
            this.at++;
            return;
        }
        for (;;) {
            this.space();
            const char = this.text[this.at];
            if (char !== '"') this.fail(char === '}' ? 'a comma before "}": JSON allows no trailing comma' : char === undefined ? 'the text ends inside an object: a "}" is missing' : `a property name in double quotes is expected here, not ${shown(char)}`);
            this.string();
            this.space();
            if (this.text[this.at] !== ':') this.fail(`":" is expected after the property name${this.text[this.at] === undefined ? ', and the text ends' : ''}`);
            this.at++;
            this.value();
            this.space();
            const next = this.text[this.at];
            if (next === '}') {
                this.at++;
                return;
            }
            if (next !== ',') this.fail(next === undefined ? 'the text ends inside an object: a "}" is missing' : `"," or "}" is expected here, not ${shown(next)}`);
            this.at++;
        }
    }

    private array(): void {
        this.at++;
        this.space();
        if (this.text[this.at] === ']') {
            this.at++;
            return;
        }
        for (;;) {
            this.space();
            if (this.text[this.at] === ']') this.fail('a comma before "]": JSON allows no trailing comma');
            this.value();
            this.space();
            const next = this.text[this.at];
            if (next === ']') {
                this.at++;
                return;
            }
            if (next !== ',') this.fail(next === undefined ? 'the text ends inside a list: a "]" is missing' : `"," or "]" is expected here, not ${shown(next)}`);
            this.at++;
        }
    }

    private string(): void {
        const start = this.at;
        this.at++;
        for (;;) {
            const char = this.text[this.at];
            if (char === undefined) this.fail('the text ends inside a string: a closing quote is missing', start);
            if (char === '"') {
                this.at++;
                return;
            }
            if (char < ' ') this.fail(char === '\n' ? 'a line break inside a string: a closing quote is probably missing' : 'a control character inside a string');
            if (char === '\\') {
                const escape = this.text[this.at + 1];
                if (escape === 'u' ? !/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6)) : !'"\\/bfnrt'.includes(escape ?? 'x')) this.fail('an invalid escape (write "\\\\" for a backslash, as in a Windows path)');
                this.at += escape === 'u' ? 6 : 2;
                continue;
            }
            this.at++;
        }
    }

    private number(): void {
        const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at));
        if (match === null) this.fail('a number is malformed here');
        this.at += match[0].length;
    }

    private space(): void {
        while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at++;
    }

    private fail(problem: string, at = this.at): never {
        // The text ends too early: point after its last character, not at blank lines after it.
        throw new ScanError(at >= this.text.length ? this.text.trimEnd().length : at, problem);
    }
}

class ScanError extends Error {
    constructor(readonly at: number, readonly problem: string) {
        super(problem);
    }
}

function shown(char: string): string {
    return char < ' ' ? 'a control character' : char === '"' ? 'a quote (a comma is probably missing)' : `"${char}"`;
}
