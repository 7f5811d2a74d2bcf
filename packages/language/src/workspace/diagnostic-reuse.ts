import type { AstNode, LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isAgreement, isDocument } from '../generated/ast.js';

/*
 * What an update that re-parsed one block tells the validator: which diagnostics of the last
 * validation it may keep. The validator (validation/reusing-document-validator.ts) keeps
 * diagnostics per top-level declaration, a "bucket"; the incremental update
 * (internals/incremental/) works out which buckets cannot see the edit. Both import this
 * file and neither imports the other.
 */

/** Which diagnostics of the last validation the next one may keep, and where they move. */
export interface DiagnosticReuse {
    /** The text before the edit: kept diagnostics must come from a validation of exactly this text. */
    readonly oldText: string;
    /** Whether `bucket` may keep `diagnostics`, which it had in the validation of `oldText`. */
    mayKeep(bucket: AstNode, diagnostics: readonly Diagnostic[]): boolean;
    /** A kept diagnostic at its place in the new text. */
    moved(diagnostic: Diagnostic): Diagnostic;
}

/** A document validator that can keep diagnostics across an update. */
export interface DiagnosticReuseReceiver {
    /** The next validation of `document` may keep what `reuse` allows. */
    planReuse(document: LangiumDocument, reuse: DiagnosticReuse): void;
}

export function acceptsDiagnosticReuse(validator: object): validator is DiagnosticReuseReceiver {
    return typeof (validator as Partial<DiagnosticReuseReceiver>).planReuse === 'function';
}

/** The file and agreements hold buckets; they are not buckets themselves. */
export function isBucketContainer(node: AstNode): boolean {
    return isDocument(node) || isAgreement(node);
}

/** The top-level declaration a node belongs to (undefined for the file and agreements themselves). */
export function bucketOf(node: AstNode | undefined): AstNode | undefined {
    for (let current = node; current?.$container; current = current.$container) {
        if (isBucketContainer(current.$container)) return isBucketContainer(current) ? undefined : current;
    }
    return undefined;
}
