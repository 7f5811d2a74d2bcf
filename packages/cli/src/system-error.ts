/**
 * Node's wording of a system error, for a sentence of our own: without the code in front
 * (`EACCES: permission denied, open 'x'` → `permission denied, open 'x'`), the code being said
 * apart where it helps; with `withoutCall`, also without the call and path at its end
 * (`permission denied`), when the sentence names the file itself.
 */
export function systemErrorReason(error: unknown, options: { withoutCall?: boolean } = {}): string {
    if (!(error instanceof Error)) return String(error);
    const reason = error.message.replace(/^E[A-Z]+: /, '');
    return options.withoutCall ? reason.replace(/, \w+ '[^']*'$/, '') : reason;
}

/** A system error (a file not found, a folder not writable: `code` ENOENT, EACCES…), as opposed to a bug. */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
