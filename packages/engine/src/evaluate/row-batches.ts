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
import type { RowValue } from '../data/spec.js';

/**
 * Rows per batch: few hand-overs between the threads (on a loaded machine each one can wait
 * for a time slice), a few MB of shared memory.
 */
export const BATCH_ROWS = 65536;
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

/** The shared memory of a pipelined pass (sent to the worker once). */
export interface BatchRing {
    batchRows: number;
    /** positions in the row of the fields carried */
    fields: number[];
    values: SharedArrayBuffer;
    tags: SharedArrayBuffer;
    lines: SharedArrayBuffer;
    control: SharedArrayBuffer;
}

export function createBatchRing(fields: number[], batchRows = BATCH_ROWS): BatchRing {
    const cells = SLOTS * batchRows * fields.length;
    return {
        batchRows,
        fields,
        values: new SharedArrayBuffer(cells * 8),
        tags: new SharedArrayBuffer(cells),
        lines: new SharedArrayBuffer(SLOTS * batchRows * 8),
        control: new SharedArrayBuffer(8)
    };
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

    constructor(
        ring: BatchRing,
        private readonly send: (batch: { slot: number; count: number; texts: string[] }) => void
    ) {
        this.batchRows = ring.batchRows;
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
        if (++this.count === this.batchRows) this.flush();
    }

    /** Sends the rows written so far (a last, partial batch). */
    flush(): void {
        if (this.count === 0) return;
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

    constructor(ring: BatchRing, width: number) {
        this.batchRows = ring.batchRows;
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
        this.slotBase = batch.slot * this.batchRows;
        return batch.count;
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
