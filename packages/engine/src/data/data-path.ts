/**
 * What a dataset or import path may name. An agreement is often someone else's file (a
 * client's draft, a pull request in CI): its paths must not read arbitrary files on the
 * reader's disk (`../../.aws/credentials`, `/etc/passwd`, a symbolic link out of the
 * project). A path must therefore be well-formed text and, once symbolic links are
 * resolved, lie inside one of the allowed folders (the workspace, or the folder of the
 * file given to the CLI, plus whatever the user allows explicitly).
 */
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a path written in an agreement cannot name a file, or undefined. */
export function pathCharacterProblem(path: string): string | undefined {
    if (path.includes('\0')) return 'the path contains a NUL character (U+0000), which no file name can hold';
    // A lone UTF-16 surrogate cannot be encoded as UTF-8 (nor in a URI).
    if (/\p{Surrogate}/u.test(path)) return 'the path contains an unpaired surrogate (a broken character), which no file name can hold';
    // eslint-disable-next-line no-control-regex
    if (/[\u0001-\u001f\u007f]/.test(path)) return 'the path contains a control character';
    return undefined;
}

/**
 * The real path of `path` (symbolic links resolved, also in its folders), or of its
 * nearest existing ancestor joined with the rest when it does not exist yet: a missing
 * file is then reported as missing, not as outside.
 */
export function realPathOf(path: string): string {
    const absolute = resolve(path);
    let existing = absolute;
    for (;;) {
        try {
            const real = realpathSync.native(existing);
            return existing === absolute ? real : resolve(real, relative(existing, absolute));
        } catch {
            const parent = dirname(existing);
            if (parent === existing) return absolute;
            existing = parent;
        }
    }
}

/** Whether `path` is `folder` or inside it (both absolute, already real). */
export function isInsideFolder(path: string, folder: string): boolean {
    const rel = relative(folder, path);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * Undefined when `path`, symbolic links resolved, lies inside one of `allowedFolders`
 * (resolved the same way); otherwise the sentence saying where it leads.
 */
export function outsideAllowedFolders(path: string, allowedFolders: readonly string[]): string | undefined {
    const real = realPathOf(path);
    if (allowedFolders.some((folder) => isInsideFolder(real, realPathOf(folder)))) return undefined;
    const shown = real === resolve(path) ? '' : ` (through a symbolic link, it leads to ${real})`;
    return `the path leads outside the allowed folders (${allowedFolders.join(', ') || 'none'})${shown}`;
}
