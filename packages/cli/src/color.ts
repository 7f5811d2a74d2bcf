/**
 * Whether to colour output for a stream, by the conventions terminals and CI tools share:
 * `FORCE_COLOR` set to anything but `0`/`false` (or empty) colours even when piped (CI logs
 * that render ANSI); `FORCE_COLOR=0` and a non-empty `NO_COLOR` (no-color.org) turn it off;
 * otherwise colour only a terminal that is not `TERM=dumb`. FORCE_COLOR is read first, as
 * Node and most tools do, so that it can override a NO_COLOR set globally.
 */
export function shouldColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
    return stream.isTTY === true && env.TERM !== 'dumb';
}
