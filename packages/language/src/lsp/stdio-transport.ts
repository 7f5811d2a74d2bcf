import { StreamMessageReader, StreamMessageWriter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

/** How long the server waits for the rest of a message whose header promised more bytes. */
export const PARTIAL_MESSAGE_LIMIT_MS = 30_000;

/**
 * The stdio transport, watched: input that is not LSP framing (random bytes, a
 * `Content-Length` that is negative or not a number, a body that is not JSON) leaves
 * vscode-jsonrpc's reader waiting forever for a header it will never find. The server then
 * exits with a reason on stderr and a non-zero code, so that the client restarts it,
 * instead of living on deaf.
 */
export function watchedStdio(exit: (reason: string) => never): { reader: MessageReader; writer: MessageWriter } {
    const reader = new StreamMessageReader(process.stdin);
    const writer = new StreamMessageWriter(process.stdout);
    reader.onError(error => exit(`unreadable input on stdin: ${error.message}`));
    reader.onPartialMessage(info => {
        if (info.waitingTime >= PARTIAL_MESSAGE_LIMIT_MS) exit(`a message on stdin stayed incomplete for ${Math.round(info.waitingTime / 1000)} s`);
    });
    writer.onError(([error]) => exit(`cannot write to stdout: ${error.message}`));
    // What vscode-languageserver does for its own stdio transport: the client closing stdin ends the server.
    process.stdin.on('end', () => process.exit(1));
    process.stdin.on('close', () => process.exit(1));
    // Anything logged must not reach stdout, which carries the protocol.
    for (const method of ['log', 'info', 'debug'] as const) console[method] = (...args: unknown[]) => console.error(...args);
    return { reader, writer };
}

/** Logs why the server stops, then stops with code 1. */
export function exitWithReason(reason: string): never {
    process.stderr.write(`SLA language server: exiting: ${reason}\n`);
    process.exit(1);
}
