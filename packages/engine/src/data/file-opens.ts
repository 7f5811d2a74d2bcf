/**
 * Observers of the data files opened for reading (every scan opens its file through
 * ChunkedFile.open). The portfolio evaluation counts, per file, the opens it caused —
 * the one-pass property is counted, not assumed. Observers only count; they never
 * change what is read.
 */
export type FileOpenObserver = (path: string) => void;

const observers = new Set<FileOpenObserver>();

/** Calls `observer` with the path of every data file opened from now on (this thread); returns the call that stops it. */
export function observeFileOpens(observer: FileOpenObserver): () => void {
    observers.add(observer);
    return () => observers.delete(observer);
}

export function noteFileOpen(path: string): void {
    for (const observer of observers) observer(path);
}
