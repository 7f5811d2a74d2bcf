/**
 * Observers of the data files read (every scan opens its file through ChunkedFile.open, and
 * every pass over a file says so). The portfolio evaluation counts, per file, the reads it
 * caused — the one-pass property is counted, not assumed. Observers only count; they never
 * change what is read.
 */
export type FileOpenObserver = (path: string, kind: FileOpenKind) => void;

/**
 * `pass`: a pass over the file begins (one read of it); `in pass`: an open within a pass (a pass
 * on two threads opens its file once per range it hands out, yet reads it once); `open`: an open
 * outside any pass (a pause list, a list of credited items): one read.
 */
export type FileOpenKind = 'pass' | 'in pass' | 'open';

const observers = new Set<FileOpenObserver>();
/** Passes under way on this thread (evaluations run one pass at a time; nested, a pass's opens are still within it). */
let passes = 0;

/** Calls `observer` with the path of every data file read from now on (this thread); returns the call that stops it. */
export function observeFileOpens(observer: FileOpenObserver): () => void {
    observers.add(observer);
    return () => observers.delete(observer);
}

export function noteFileOpen(path: string): void {
    const kind = passes > 0 ? 'in pass' : 'open';
    for (const observer of observers) observer(path, kind);
}

/** Runs a pass over the file at `path`: one read, whatever it opens. */
export async function readingPass<T>(path: string, run: () => Promise<T>): Promise<T> {
    for (const observer of observers) observer(path, 'pass');
    passes++;
    try {
        return await run();
    } finally {
        passes--;
    }
}
