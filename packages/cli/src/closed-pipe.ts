/**
 * `sla validate … | head -1`: the reader closed the pipe before the command finished writing.
 * Node reports that as an 'error' event on the stream (EPIPE, later ERR_STREAM_DESTROYED), which
 * without a listener crashes the command with a stack trace. Nobody reads what is left: the
 * command stops writing to that stream and ends with its own exit code, as usual for a command
 * whose output is cut short by `head`.
 */
const closed = new WeakSet<NodeJS.WritableStream>();

const PIPE_CLOSED = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);

export function isPipeClosed(error: unknown): boolean {
    return typeof error === 'object' && error !== null && PIPE_CLOSED.has(String((error as { code?: unknown }).code));
}

let listening = false;

/** Listens for a closed pipe on standard output and standard error (once per process, however often the CLI runs in it). */
export function tolerateClosedPipes(): void {
    if (listening) return;
    listening = true;
    for (const stream of [process.stdout, process.stderr]) {
        stream.on('error', (error: unknown) => {
            if (!isPipeClosed(error)) throw error;
            closed.add(stream);
        });
    }
}

/** True once the reader of the stream went away: writing more is pointless. */
export function readerGone(stream: NodeJS.WritableStream): boolean {
    return closed.has(stream) || (stream as { destroyed?: boolean }).destroyed === true;
}
