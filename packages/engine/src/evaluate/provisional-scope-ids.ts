import type { ScopeInterner } from './scope-interner.js';

/**
 * The scope ids of a client-scoped sink's typed rows (RowSink.typedTarget, not routed). The typed
 * reader asks for a text's id when it first meets it, in any client's row; but a scope value is
 * the agreement's only once a row of its client holds it (RowSink.accept interns no other
 * client's values, and the report lists the values interned). So the reader gets provisional
 * ids, one per text and slot, turned into the interner's ids as the client's rows are taken, in
 * file order: the same ids, in the same order, as the row path gives.
 */
export class ProvisionalScopeIds {
    /** per slot: the provisional id of each text met */
    private readonly ids: Map<string, number>[];
    /** per slot: the texts by provisional id */
    private readonly texts: string[][];
    /** per slot: the interner's id of each provisional id, -1 until a row of the client holds it */
    private readonly internedIds: Int32Array[];

    constructor(private readonly interners: readonly ScopeInterner[]) {
        this.ids = interners.map(() => new Map());
        this.texts = interners.map(() => []);
        this.internedIds = interners.map(() => new Int32Array(16).fill(-1));
    }

    /** The text's provisional id in the slot (nothing interned). */
    provisional(slot: number, text: string): number {
        const ids = this.ids[slot]!;
        let id = ids.get(text);
        if (id === undefined) {
            id = this.texts[slot]!.push(text) - 1;
            ids.set(text, id);
            const interned = this.internedIds[slot]!;
            if (id >= interned.length) {
                const grown = new Int32Array(interned.length * 2).fill(-1);
                grown.set(interned);
                this.internedIds[slot] = grown;
            }
        }
        return id;
    }

    /** The interner's id for a provisional id, interning its text on first use (a row of the client holds it). */
    interned(slot: number, provisional: number): number {
        const interned = this.internedIds[slot]!;
        const id = interned[provisional]!;
        if (id >= 0) return id;
        return (interned[provisional] = this.interners[slot]!.intern(this.texts[slot]![provisional]!));
    }
}
