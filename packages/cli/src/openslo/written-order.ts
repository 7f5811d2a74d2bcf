/**
 * The order an agreement was written in, which a folder of OpenSLO documents loses (it is
 * listed by file name: `datasource-…`, `service-…`, `sli-…`, `slo-…`). The order matters for
 * money: a cap on all credits together pays the credits in the order they are written
 * (language reference § 12.4), so the service whose credits come first is paid in full.
 * The export numbers each object (`sla-language/order`) and each credit
 * (`sla-language/credit-order`); the import puts them back in that order.
 */
import { ANNOTATION_PREFIX, ORDER_ANNOTATION, type OpenSloObject } from './openslo-document.js';

/** A credit block carried on an SLO, with its place among the agreement's credits when the export gave it. */
export interface CarriedCredit {
    text: string;
    position?: number;
}

/** The objects in the order the export wrote them; those without an order (written by hand) after them, as read. */
export function inWrittenOrder(objects: OpenSloObject[]): OpenSloObject[] {
    const place = (object: OpenSloObject): number => positionOf(object.metadata?.annotations?.[ORDER_ANNOTATION]) ?? Number.POSITIVE_INFINITY;
    // Array.prototype.sort is stable: equal places keep the order read.
    return [...objects].sort((a, b) => place(a) - place(b));
}

/** The credit blocks of an SLO's `sla-language/credit`, each `credit for …` at the start of a line beginning one. */
export function carriedCredits(annotations: Record<string, string>): CarriedCredit[] {
    const blocks: string[] = [];
    for (const line of (annotations[`${ANNOTATION_PREFIX}credit`] ?? '').split('\n')) {
        if (/^credit\b/.test(line) || blocks.length === 0) blocks.push(line);
        else blocks[blocks.length - 1] += `\n${line}`;
    }
    const texts = blocks.map(block => block.trim()).filter(block => block !== '');
    const positions = (annotations[`${ANNOTATION_PREFIX}credit-order`] ?? '').split(',').map(positionOf);
    // Positions are used only when there is one per block, each a number.
    const numbered = positions.length === texts.length && positions.every(position => position !== undefined);
    return texts.map((text, index) => ({ text, ...(numbered ? { position: positions[index] } : {}) }));
}

/**
 * The credits to write in one service (or at the agreement's level), each once, in the order they
 * were written: by position where the export gave one, else in the order the SLOs carry them. A
 * credit carried twice — by each objective on its KPI and window, as earlier exports wrote it,
 * or by hand — is written once (twice, it would be paid twice).
 */
export function creditsInWrittenOrder(credits: CarriedCredit[]): string[] {
    const seen = new Set<string>();
    const once = credits.filter(credit => {
        const key = credit.position !== undefined ? `#${credit.position}` : credit.text;
        if (seen.has(key) || seen.has(credit.text)) return false;
        seen.add(key);
        seen.add(credit.text);
        return true;
    });
    const place = (credit: CarriedCredit): number => credit.position ?? Number.POSITIVE_INFINITY;
    return once.sort((a, b) => place(a) - place(b)).map(credit => credit.text);
}

function positionOf(text: string | undefined): number | undefined {
    const trimmed = text?.trim();
    return trimmed !== undefined && /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}
