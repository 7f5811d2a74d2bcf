/**
 * One agreement found in several files of one evaluation: the same name for the same customer
 * (an old version kept in a subfolder, a file copied and not renamed). Evaluated, each copy is
 * one more entry of the portfolio and its credits are counted again, in rows no report tells
 * apart. The CLI refuses such a run; the language server's portfolio lists the copies as not
 * evaluated. Agreements of one name for different customers are different clients (every
 * client file may write `agreement Hosting`): they are evaluated, told apart by their customer.
 * Two agreements of one name in one file are an error of the file (sla/duplicate-name).
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import { isParty, type Agreement } from '../generated/ast.js';

/** Where an agreement is declared: its file and the 1-based line and column of its name. */
export interface AgreementPlace {
    file: string;
    line: number;
    column: number;
}

/** An agreement, by name and customer party, declared in two or more files. */
export interface AgreementCopies {
    agreement: string;
    /** The name of its `customer` party; undefined when it states none. */
    customer?: string;
    /** Each declaration, in the order of the entries given. */
    places: AgreementPlace[];
}

/** The agreements of `entries` declared in more than one file under one name for one customer. */
export function agreementCopies(entries: ReadonlyArray<{ document: LangiumDocument; agreement: Agreement }>): AgreementCopies[] {
    const byKey = new Map<string, { copies: AgreementCopies; documents: Set<LangiumDocument> }>();
    for (const { document, agreement } of entries) {
        const customer = customerName(agreement);
        // A NUL cannot be in a name: the key keeps name and customer apart.
        const key = `${agreement.name}\u0000${customer ?? ''}`;
        let group = byKey.get(key);
        if (group === undefined) {
            group = { copies: { agreement: agreement.name, ...(customer === undefined ? {} : { customer }), places: [] }, documents: new Set() };
            byKey.set(key, group);
        }
        // One document counts once: a file named twice is read once, and its own duplicates are its errors.
        if (group.documents.has(document)) continue;
        group.documents.add(document);
        group.copies.places.push(placeOf(document, agreement));
    }
    return [...byKey.values()].map(group => group.copies).filter(copies => copies.places.length > 1);
}

/** "NorthwindHosting (customer Northwind)": the agreement as the copies share it. */
export function agreementCopiesName(copies: AgreementCopies): string {
    return `${copies.agreement} (${copies.customer === undefined ? 'no customer party' : `customer ${copies.customer}`})`;
}

/** `file:line:column`, the file as `shown` prints it. */
export function placeText(place: AgreementPlace, shown: (file: string) => string = file => file): string {
    return `${shown(place.file)}:${place.line}:${place.column}`;
}

function customerName(agreement: Agreement): string | undefined {
    const party = agreement.members.find(member => isParty(member) && member.role === 'customer');
    return party !== undefined && isParty(party) ? party.name : undefined;
}

function placeOf(document: LangiumDocument, agreement: Agreement): AgreementPlace {
    const node = agreement.$cstNode === undefined ? undefined : GrammarUtils.findNodeForProperty(agreement.$cstNode, 'name') ?? agreement.$cstNode;
    const start = node?.range.start;
    return { file: document.uri.fsPath, line: (start?.line ?? 0) + 1, column: (start?.character ?? 0) + 1 };
}
