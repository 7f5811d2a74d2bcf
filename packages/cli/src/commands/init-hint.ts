/**
 * `sla init`'s closing hint, `Next: sla evaluate FOLDER/agreement.sla`: a command the user can
 * paste into a shell as it is, whatever the folder is called.
 */
export function nextStepHint(agreementPath: string, platform: NodeJS.Platform = process.platform): string {
    return `Next: sla evaluate ${shellWord(agreementPath, platform)}   (the sample data show met and breached windows and one credit)`;
}

/**
 * A path as one word of a shell command line: as it is when every character is plain (letters,
 * digits, `_@%+=:,./-`, and `\` on Windows), else quoted — in single quotes for a POSIX shell
 * (a quote inside written `'\''`), in double quotes for cmd and PowerShell (a Windows path
 * cannot hold `"`). A path starting with `-` gets `./` before it, so that it is not read as an option.
 */
export function shellWord(text: string, platform: NodeJS.Platform = process.platform): string {
    const word = text.startsWith('-') ? `./${text}` : text;
    const plain = platform === 'win32' ? /^[\p{L}\p{N}_@%+=:,./\\-]+$/u : /^[\p{L}\p{N}_@%+=:,./-]+$/u;
    if (plain.test(word)) return word;
    return platform === 'win32' ? `"${word}"` : `'${word.replace(/'/g, `'\\''`)}'`;
}
