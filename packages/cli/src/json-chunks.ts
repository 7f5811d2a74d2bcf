/**
 * `JSON.stringify(value, null, 2)` of a large report, in pieces: the top-level object's members
 * one by one, and the elements of one of its arrays (a portfolio's `entries`) one by one. The
 * pieces joined are that string byte for byte; written as they come, the whole text is never
 * in memory at once (a portfolio of 400 agreements is ≈ 19 MB of JSON: held whole, then copied
 * into a buffer for writing, it made the peak of `sla evaluate`'s memory).
 *
 * A nested value's own text comes from JSON.stringify and is indented by one or two levels: a
 * JSON text has no line break inside a string (it is escaped), so every line break is one of the
 * indentation's.
 */
export function* prettyJsonChunks(value: Record<string, unknown>, streamed: string): Generator<string> {
    const members: Array<[string, unknown]> = [];
    for (const key of Object.keys(value)) {
        const member = value[key];
        // As JSON.stringify: a member whose value has no JSON text (undefined, a function, a symbol) is left out.
        if (member !== undefined && typeof member !== 'function' && typeof member !== 'symbol') members.push([key, member]);
    }
    if (members.length === 0) {
        yield '{}';
        return;
    }
    yield '{\n';
    for (let m = 0; m < members.length; m++) {
        const [key, member] = members[m]!;
        const name = `  ${JSON.stringify(key)}: `;
        if (key === streamed && Array.isArray(member) && member.length > 0) {
            yield `${name}[\n`;
            for (let i = 0; i < member.length; i++) {
                // As JSON.stringify: an element without JSON text is null.
                const text = JSON.stringify(member[i], null, 2) ?? 'null';
                yield `    ${indented(text, '    ')}${i < member.length - 1 ? ',' : ''}\n`;
            }
            yield `  ]${m < members.length - 1 ? ',' : ''}\n`;
        } else {
            yield `${name}${indented(JSON.stringify(member, null, 2) ?? 'null', '  ')}${m < members.length - 1 ? ',' : ''}\n`;
        }
    }
    yield '}';
}

function indented(text: string, prefix: string): string {
    return text.includes('\n') ? text.replaceAll('\n', `\n${prefix}`) : text;
}
