/**
 * `JSON.stringify(value, null, 2)` of a large report, in pieces: the top-level object's members
 * one by one, and the elements of one of its arrays (a portfolio's `entries`) one by one. The
 * pieces joined are that string byte for byte; written as they come, the whole text is never
 * in memory at once (a portfolio of 400 agreements is ≈ 19 MB of JSON: held whole, then copied
 * into a buffer for writing, it made the peak of `sla evaluate`'s memory).
 *
 * A nested value's text comes from JSON.stringify of the value wrapped in one or two arrays,
 * without the wrapping: V8 then writes the indentation of its depth itself (for 400 reports,
 * 50–150 ms less than adding it to every line of the value's own text afterwards).
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
                // As JSON.stringify: an element without JSON text is null (so it is in an array).
                yield `    ${nestedJson(member[i], 2)}${i < member.length - 1 ? ',' : ''}\n`;
            }
            yield `  ]${m < members.length - 1 ? ',' : ''}\n`;
        } else {
            yield `${name}${nestedJson(member, 1)}${m < members.length - 1 ? ',' : ''}\n`;
        }
    }
    yield '}';
}

/**
 * `JSON.stringify(value, null, 2)` as it stands `depth` levels deep: every line after the first
 * indented by 2 × depth more spaces. Wrapped in `depth` arrays, the value's text is preceded by
 * `[\n  ` per level (with the indentation of the levels above) and followed by `\n]` per level.
 */
function nestedJson(value: unknown, depth: 1 | 2): string {
    const text = depth === 1 ? JSON.stringify([value], null, 2) : JSON.stringify([[value]], null, 2);
    // depth 1: `[\n  ` … `\n]`; depth 2: `[\n  [\n    ` … `\n  ]\n]`
    return depth === 1 ? text.slice(4, -2) : text.slice(10, -6);
}
