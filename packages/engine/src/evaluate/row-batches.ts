/**
 * Rows handed from the thread that parses a file to the thread that evaluates them
 * (pipelined-pass.ts), through a ring of slots in shared memory: no copy per batch, no
 * garbage of the file's size. A cell is a tag and a double: a number as itself, a text as
 * its index in a dictionary that grows with the pass (each new text is sent once, with the
 * batch that first uses it), so the receiving thread holds one string per distinct text,
 * as its own interner would. Only the fields the pass reads are carried.
 *
 * The producer waits (Atomics.wait, on its own thread) while every slot is full; the
 * consumer counts the batches it has finished in `control[CONSUMED]`. `control[STOPPED]`
 * set by the consumer makes a waiting producer give up.
 */
import type { TypedRowTarget } from '../data/csv-typed-record.js';
import type { DatasetSpec, RowValue } from '../data/spec.js';

/**
 * Rows per batch: few hand-overs between the threads (on a loaded machine each one can wait
 * for a time slice), about 6 MB of shared memory for the ring (65,536 took 12 MB of a peak
 * RSS that is near its 400 MB target in bench:portfolio).
 */
export const BATCH_ROWS = 32768;
/** Batches in flight: the parser runs ahead of the router by at most this many. */
export const SLOTS = 4;

export const CONSUMED = 0;
export const STOPPED = 1;

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;
const TRUE = 3;
const FALSE = 4;

/** One batch as the worker announces it: its slot in the ring, its rows, the texts it adds to the dictionary. */
export interface RowBatch {
    slot: number;
    count: number;
    texts: string[];
}

/**
 * Rows routed by the worker (when every agreement sharing the file has a client scope on one
 * field): each batch also carries its rows' positions ordered by client, so that the thread
 * that evaluates them only walks each client's rows.
 */
export interface BatchRouting {
    /** the scope field's position in the row */
    field: number;
    /** the client values, in the router's bucket order */
    clients: string[];
    /**
     * Every sink takes typed rows (RowSink.typedTarget): the worker may read the common records
     * with the typed CSV reader (data/csv-typed-record.ts), which gives no line numbers — such
     * rows carry NaN as their line, which no typed sink reads.
     */
    typed?: boolean;
}

/** The shared memory of a pipelined pass (sent to the worker once). */
export interface BatchRing {
    batchRows: number;
    /** positions in the row of the fields carried */
    fields: number[];
    values: SharedArrayBuffer;
    tags: SharedArrayBuffer;
    lines: SharedArrayBuffer;
    control: SharedArrayBuffer;
    routing?: BatchRouting & {
        /** per slot, the batch's row numbers grouped by client (in file order within a client) */
        order: SharedArrayBuffer;
        /** per slot, clients.length + 1 offsets into its part of `order`: client c's rows are [bounds[c], bounds[c + 1]) */
        bounds: SharedArrayBuffer;
    };
}

export function createBatchRing(fields: number[], batchRows = BATCH_ROWS, routing?: BatchRouting): BatchRing {
    const cells = SLOTS * batchRows * fields.length;
    return {
        batchRows,
        fields,
        values: new SharedArrayBuffer(cells * 8),
        tags: new SharedArrayBuffer(cells),
        lines: new SharedArrayBuffer(SLOTS * batchRows * 8),
        control: new SharedArrayBuffer(8),
        ...(routing === undefined
            ? {}
            : { routing: { ...routing, order: new SharedArrayBuffer(SLOTS * batchRows * 4), bounds: new SharedArrayBuffer(SLOTS * (routing.clients.length + 1) * 4) } })
    };
}

/** The parsing side of routing: each row's client, then the batch's rows grouped by client (a counting sort). */
class BatchRouter {
    private readonly field: number;
    private readonly ordinals = new Map<string, number>();
    private readonly clientCount: number;
    private readonly order: Int32Array;
    private readonly bounds: Int32Array;
    /** the client of each row of the batch being written (-1: none) */
    private readonly rowClient: Int32Array;

    constructor(routing: NonNullable<BatchRing['routing']>, batchRows: number) {
        this.field = routing.field;
        routing.clients.forEach((client, ordinal) => this.ordinals.set(client, ordinal));
        this.clientCount = routing.clients.length;
        this.order = new Int32Array(routing.order);
        this.bounds = new Int32Array(routing.bounds);
        this.rowClient = new Int32Array(batchRows);
    }

    /** Notes row r's client (its scope value as `clientKey` reads it: text as is, other values as written). */
    note(row: readonly RowValue[], r: number): void {
        this.noteValue(row[this.field], r);
    }

    noteValue(value: RowValue | undefined, r: number): void {
        this.rowClient[r] = value === null || value === undefined ? -1 : this.ordinals.get(typeof value === 'string' ? value : String(value)) ?? -1;
    }

    /** Notes row r's client by its ordinal (-1: none), known from the text's dictionary id. */
    noteOrdinal(ordinal: number, r: number): void {
        this.rowClient[r] = ordinal;
    }

    /** The client ordinal of a text (-1: no client's). */
    ordinalOf(text: string): number {
        return this.ordinals.get(text) ?? -1;
    }

    get fieldIndex(): number {
        return this.field;
    }

    /** Writes the slot's order and bounds for its first `count` rows. */
    sort(slot: number, count: number, batchRows: number): void {
        const clients = this.clientCount;
        const bounds = this.bounds;
        const first = slot * (clients + 1);
        bounds.fill(0, first, first + clients + 1);
        const rowClient = this.rowClient;
        for (let r = 0; r < count; r++) {
            const client = rowClient[r]!;
            if (client >= 0) bounds[first + client + 1]!++;
        }
        for (let c = 1; c <= clients; c++) bounds[first + c]! += bounds[first + c - 1]!;
        // Place each row after the earlier rows of its client: bounds[first + c] moves to the end of client c's rows…
        const order = this.order;
        const base = slot * batchRows;
        for (let r = 0; r < count; r++) {
            const client = rowClient[r]!;
            if (client >= 0) order[base + bounds[first + client]!++] = r;
        }
        // …which is the start of client c + 1's: shift back by one to get the starts again.
        for (let c = clients; c > 0; c--) bounds[first + c] = bounds[first + c - 1]!;
        bounds[first] = 0;
    }
}

/** A stop asked by the consumer (the pass failed or was cancelled): the producer's scan ends with it. */
export class PipelineStopped extends Error {}

/** The parsing side: writes rows into the ring, `send` posts each full batch. */
export class BatchWriter {
    private readonly fields: Int32Array;
    private readonly values: Float64Array;
    private readonly tags: Uint8Array;
    private readonly lines: Float64Array;
    private readonly control: Int32Array;
    private readonly dictionary = new Map<string, number>();
    private newTexts: string[] = [];
    private produced = 0;
    private count = 0;
    /** first cell of the current slot */
    private base = 0;
    private waited = false;
    private readonly batchRows: number;
    private readonly router: BatchRouter | undefined;
    private readonly typedRows: boolean;

    constructor(
        ring: BatchRing,
        private readonly send: (batch: { slot: number; count: number; texts: string[] }) => void
    ) {
        this.batchRows = ring.batchRows;
        this.typedRows = ring.routing?.typed === true;
        this.router = ring.routing === undefined ? undefined : new BatchRouter(ring.routing, ring.batchRows);
        this.fields = Int32Array.from(ring.fields);
        this.values = new Float64Array(ring.values);
        this.tags = new Uint8Array(ring.tags);
        this.lines = new Float64Array(ring.lines);
        this.control = new Int32Array(ring.control);
    }

    add(row: readonly RowValue[], line: number): void {
        if (this.count === 0 && !this.waited) this.waitForSlot();
        const fields = this.fields;
        const width = fields.length;
        const values = this.values;
        const tags = this.tags;
        let cell = this.base + this.count * width;
        for (let f = 0; f < width; f++, cell++) {
            const value = row[fields[f]!];
            if (typeof value === 'number') {
                tags[cell] = NUMBER;
                values[cell] = value;
            } else if (typeof value === 'string') {
                let id = this.dictionary.get(value);
                if (id === undefined) {
                    id = this.dictionary.size;
                    this.dictionary.set(value, id);
                    this.newTexts.push(value);
                }
                tags[cell] = TEXT;
                values[cell] = id;
            } else if (value === true) tags[cell] = TRUE;
            else if (value === false) tags[cell] = FALSE;
            else tags[cell] = NULL;
        }
        this.lines[this.slot() * this.batchRows + this.count] = line;
        this.router?.note(row, this.count);
        if (++this.count === this.batchRows) this.flush();
    }

    /**
     * A taker of typed rows (data/csv-typed-record.ts) that writes each record into the ring as
     * `add` writes a row array: numbers as themselves, text as dictionary ids (the typed reader
     * gives each text field's value through `scopeId`, here the dictionary). Only when the ring
     * says every sink takes typed rows (BatchRouting.typed): a typed record has no line number.
     */
    typedTarget(spec: DatasetSpec): TypedRowTarget | undefined {
        const router = this.router;
        if (router === undefined || this.typedRows !== true) return undefined;
        const fields = this.fields;
        const numbers = new Float64Array(spec.fields.length).fill(NaN);
        const scopeSlots = new Int32Array(spec.fields.length).fill(-1);
        // A slot per carried text field (the reader fills them from text columns; for any other kind it declines).
        let slots = 0;
        for (const position of fields) if (spec.fields[position]!.kind === 'text') scopeSlots[position] = slots++;
        const scopeIds = new Int32Array(slots);
        /** per carried field: its scope slot, or -1 (a number) */
        const slotOf = Int32Array.from(fields, (position) => scopeSlots[position]!);
        const routingSlot = scopeSlots[router.fieldIndex]!;
        /** per dictionary id given out here: the client ordinal of that text */
        const ordinals: number[] = [];
        const dictionary = this.dictionary;
        return {
            numbers,
            scopeIds,
            scopeSlots,
            scopeId: (_slot, text) => {
                let id = dictionary.get(text);
                if (id === undefined) {
                    id = dictionary.size;
                    dictionary.set(text, id);
                    this.newTexts.push(text);
                }
                // Per text, whatever the column asking: the client ordinal belongs to the text (one dictionary for every column).
                if (ordinals[id] === undefined) ordinals[id] = router.ordinalOf(text);
                return id;
            },
            accept: () => {
                if (this.count === 0 && !this.waited) this.waitForSlot();
                const width = fields.length;
                const values = this.values;
                const tags = this.tags;
                let cell = this.base + this.count * width;
                for (let f = 0; f < width; f++, cell++) {
                    const slot = slotOf[f]!;
                    if (slot >= 0) {
                        tags[cell] = TEXT;
                        values[cell] = scopeIds[slot]!;
                    } else {
                        const value = numbers[fields[f]!]!;
                        if (value === value) {
                            tags[cell] = NUMBER;
                            values[cell] = value;
                        } else tags[cell] = NULL;
                    }
                }
                this.lines[this.slot() * this.batchRows + this.count] = NaN;
                if (routingSlot >= 0) router.noteOrdinal(ordinals[scopeIds[routingSlot]!] ?? -1, this.count);
                else router.noteValue(numbers[router.fieldIndex], this.count);
                if (++this.count === this.batchRows) this.flush();
            }
        };
    }

    /** Sends the rows written so far (a last, partial batch). */
    flush(): void {
        if (this.count === 0) return;
        this.router?.sort(this.slot(), this.count, this.batchRows);
        this.send({ slot: this.slot(), count: this.count, texts: this.newTexts });
        this.newTexts = [];
        this.produced++;
        this.count = 0;
        this.waited = false;
    }

    private slot(): number {
        return this.produced % SLOTS;
    }

    /** Blocks this (worker) thread until the next slot is free. */
    private waitForSlot(): void {
        const control = this.control;
        for (;;) {
            if (Atomics.load(control, STOPPED) !== 0) throw new PipelineStopped('the pass was stopped');
            const consumed = Atomics.load(control, CONSUMED);
            if (this.produced - consumed < SLOTS) break;
            Atomics.wait(control, CONSUMED, consumed, 1000);
        }
        this.base = this.slot() * this.batchRows * this.fields.length;
        this.waited = true;
    }
}

/** The evaluating side: reads each batch's rows into one reused row array. */
export class BatchReader {
    private readonly fields: Int32Array;
    private readonly values: Float64Array;
    private readonly tags: Uint8Array;
    private readonly lines: Float64Array;
    private readonly control: Int32Array;
    private readonly texts: string[] = [];
    /** The row `decode` fills (unread fields stay null, as the scanner leaves them). */
    readonly row: RowValue[];
    private slotBase = 0;

    private readonly batchRows: number;
    /** The batch's rows grouped by client (when the worker routes): see BatchRing.routing. */
    readonly order: Int32Array | undefined;
    readonly bounds: Int32Array | undefined;
    private readonly clientCount: number;
    private slot = 0;

    constructor(ring: BatchRing, width: number) {
        this.batchRows = ring.batchRows;
        this.order = ring.routing === undefined ? undefined : new Int32Array(ring.routing.order);
        this.bounds = ring.routing === undefined ? undefined : new Int32Array(ring.routing.bounds);
        this.clientCount = ring.routing?.clients.length ?? 0;
        this.fields = Int32Array.from(ring.fields);
        this.values = new Float64Array(ring.values);
        this.tags = new Uint8Array(ring.tags);
        this.lines = new Float64Array(ring.lines);
        this.control = new Int32Array(ring.control);
        this.row = new Array<RowValue>(width).fill(null);
    }

    /** Hands the batch's rows to `accept` (the same array each time, as a scanner does), then frees its slot. */
    read(batch: RowBatch, accept: (row: RowValue[], line: number) => void): void {
        const count = this.begin(batch);
        try {
            for (let r = 0; r < count; r++) accept(this.row, this.decode(r));
        } finally {
            this.release();
        }
    }

    /** Starts reading a batch (its new texts join the dictionary); returns its row count. End with `release`. */
    begin(batch: RowBatch): number {
        const texts = this.texts;
        for (const text of batch.texts) texts.push(text);
        this.slot = batch.slot;
        this.slotBase = batch.slot * this.batchRows;
        return batch.count;
    }

    /** Where the current batch's rows of client c are in `order`: [start, end). */
    clientRows(c: number): { start: number; end: number } {
        const first = this.slot * (this.clientCount + 1);
        return { start: this.slotBase + this.bounds![first + c]!, end: this.slotBase + this.bounds![first + c + 1]! };
    }

    /** Fills `row` with row r of the current batch; returns its line. */
    decode(r: number): number {
        const fields = this.fields;
        const width = fields.length;
        const values = this.values;
        const tags = this.tags;
        const texts = this.texts;
        const row = this.row;
        let cell = (this.slotBase + r) * width;
        for (let f = 0; f < width; f++, cell++) {
            const tag = tags[cell]!;
            row[fields[f]!] = tag === NUMBER ? values[cell]! : tag === TEXT ? texts[values[cell]!]! : tag === TRUE ? true : tag === FALSE ? false : null;
        }
        return this.lines[this.slotBase + r]!;
    }

    /**
     * Fills a typed row taker (RowSink.typedTarget) with row r of the current batch, as `decode`
     * would give it: numbers into `numbers`, the scope ids of scoped text fields through
     * `scopeId`. False, with the taker's values unspecified, when a cell is missing, a boolean,
     * or a number scoped by (`for each status`): that row is then taken as an array.
     */
    fillTyped(r: number, target: TypedRowTarget): boolean {
        const fields = this.fields;
        const width = fields.length;
        const values = this.values;
        const tags = this.tags;
        const numbers = target.numbers;
        const scopeSlots = target.scopeSlots;
        const scopeIds = target.scopeIds;
        let cell = (this.slotBase + r) * width;
        for (let f = 0; f < width; f++, cell++) {
            const tag = tags[cell]!;
            const position = fields[f]!;
            const slot = scopeSlots[position]!;
            if (tag === NUMBER && slot < 0) numbers[position] = values[cell]!;
            else if (tag === TEXT) {
                if (slot >= 0) scopeIds[slot] = target.scopeId(slot, this.texts[values[cell]!]!);
            } else return false;
        }
        return true;
    }

    /** Where the field at `rowIndex` is carried in a batch (-1: not carried). */
    columnOf(rowIndex: number): number {
        return this.fields.indexOf(rowIndex);
    }

    /** The dictionary id of a text cell of row r (column from `columnOf`), or -1 when the cell is not text. */
    textId(r: number, column: number): number {
        const cell = (this.slotBase + r) * this.fields.length + column;
        return this.tags[cell] === TEXT ? this.values[cell]! : -1;
    }

    /** The text of a dictionary id. */
    text(id: number): string {
        return this.texts[id]!;
    }

    /** Frees the current batch's slot for the producer. */
    release(): void {
        Atomics.add(this.control, CONSUMED, 1);
        Atomics.notify(this.control, CONSUMED);
    }

    /** Makes a producer waiting for a slot stop (its scan throws PipelineStopped). */
    stop(): void {
        Atomics.store(this.control, STOPPED, 1);
        Atomics.notify(this.control, CONSUMED);
    }
}
