/**
 * The hostile-data corpus (issue 13): files that are not what their dataset declares, or
 * not data at all. Each case is generated into a temp folder and read by the scanner; the
 * table gives the expected outcome: rows read, or the parts an error message must hold
 * (file, line, column, what is wrong), and text it must never quote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type DatasetSpec, type FieldSpec, scanDataset } from '../../src/data/index.js';
import { field } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sla-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value that must never appear in a message: the "secret" of a file that is not data. */
const SECRET = 'AKIAIOSFODNN7EXAMPLE';

interface HostileCase {
    name: string;
    /** file name in the corpus folder */
    file: string;
    /** the content, or a special entry made by `make` */
    content?: string | Buffer;
    make?: (path: string) => void;
    format?: DatasetSpec['format'];
    fields: FieldSpec[];
    skipInvalid?: boolean;
    /** expected valid rows (when the scan succeeds) */
    rows?: number;
    rejected?: number;
    /** parts of the error (thrown, or the first rejected sample with skipInvalid) */
    error?: (string | RegExp)[];
    /** text no message may contain */
    neverQuoted?: string[];
}

const latency = [field('time', 'timestamp'), field('latency', 'duration'), field('status', 'integer')];
const ROW = '2026-03-01T10:00:00Z';

const cases: HostileCase[] = [
    {
        // An unquoted decimal comma: "1,5" shifts status into a fourth cell.
        name: 'CSV row with more cells than the header',
        file: 'decimal-comma.csv',
        content: `time,latency,status\n${ROW},1,5,200\n`,
        fields: latency,
        error: ['decimal-comma.csv:2:4:', 'the record has 4 fields, the header has 3', 'decimal comma']
    },
    {
        name: 'CSV header with a duplicate column',
        file: 'duplicate-header.csv',
        content: `time,latency,latency,status\n${ROW},1,2,200\n`,
        fields: latency,
        error: ['duplicate-header.csv:1:3:', 'column "latency" twice', 'columns 2 and 3']
    },
    {
        name: 'JSON object with a duplicate key',
        file: 'duplicate-key.ndjson',
        content: `{"time":"${ROW}","latency":1,"latency":900,"status":200}\n`,
        fields: latency,
        error: ['duplicate-key.ndjson:1:1:', 'key "latency" twice']
    },
    {
        // "café" in Latin-1: 0xE9 is not UTF-8.
        name: 'CSV text cell in Latin-1',
        file: 'latin1.csv',
        content: Buffer.concat([Buffer.from(`time,service\n${ROW},caf`), Buffer.from([0xe9]), Buffer.from('\n')]),
        fields: [field('time', 'timestamp'), field('service', 'text')],
        error: ['latin1.csv:2:2:', 'for field service', 'byte 0xe9 at byte 4 of the value is not UTF-8 — "café" in Windows-1252, as Excel\'s plain "CSV" and many Windows exports are saved: declare encoding "windows-1252" in the dataset if the file is saved so, or save it as UTF-8 (in Excel: Save As "CSV UTF-8")']
    },
    {
        name: 'CSV header in Latin-1',
        file: 'latin1-header.csv',
        content: Buffer.concat([Buffer.from('time,servic'), Buffer.from([0xe9]), Buffer.from(`\n${ROW},x\n`)]),
        fields: [field('time', 'timestamp'), field('service', 'text')],
        error: ['latin1-header.csv:1:2:', 'the header is not UTF-8 text: byte 0xe9 in column 2 is not UTF-8 — "servicé" in Windows-1252']
    },
    {
        name: 'NDJSON text in Latin-1',
        file: 'latin1.ndjson',
        content: Buffer.concat([Buffer.from(`{"time":"${ROW}","service":"caf`), Buffer.from([0xe9]), Buffer.from('"}\n')]),
        fields: [field('time', 'timestamp'), field('service', 'text')],
        // {"time":"2026-03-01T10:00:00Z" is 30 bytes, ,"service":"caf 15 more: 0xE9 is byte 46 of line 1
        error: ['latin1.ndjson:1:1:', 'byte 0xe9 at line 1, column 46', 'not valid UTF-8']
    },
    {
        // A valid U+FFFD in the file is text like any other.
        name: 'a real U+FFFD is valid UTF-8',
        file: 'replacement-char.csv',
        content: `time,service\n${ROW},a\uFFFDb\n`,
        fields: [field('time', 'timestamp'), field('service', 'text')],
        rows: 1
    },
    {
        name: 'integer beyond 2^53',
        file: 'huge-integer.csv',
        content: `time,latency,status\n${ROW},1,99999999999999999999\n`,
        fields: latency,
        error: ['huge-integer.csv:2:3:', 'beyond the exact range']
    },
    {
        name: 'integer 2^53 − 1 is exact',
        file: 'max-integer.csv',
        content: `time,latency,status\n${ROW},1,9007199254740991\n`,
        fields: latency,
        rows: 1
    },
    {
        name: 'JSON integer beyond 2^53',
        file: 'huge-integer.json',
        content: `[{"time":"${ROW}","latency":1,"status":99999999999999999999}]`,
        fields: latency,
        error: ['huge-integer.json:1:2: element 0:', 'beyond the exact range']
    },
    {
        // Element 1 starts on line 3, column 3 (after two spaces).
        name: 'JSON array positions are real lines and columns',
        file: 'positions.json',
        content: `[\n  {"time":"${ROW}","latency":1,"status":200},\n  {"time":"${ROW}","latency":"slow","status":200}\n]`,
        fields: latency,
        error: ['positions.json:3:3: element 1:', 'invalid value "slow"']
    },
    {
        name: 'missing file',
        file: 'missing.csv',
        fields: latency,
        error: ['data file', 'missing.csv', 'of dataset requests', 'does not exist'],
        neverQuoted: ['ENOENT']
    },
    {
        name: 'a folder',
        file: 'folder.csv',
        make: (path) => mkdirSync(path),
        fields: latency,
        error: ['folder.csv', 'of dataset requests', 'is a folder, not a file'],
        neverQuoted: ['EISDIR']
    },
    {
        // Without the check, opening a FIFO blocks until a writer comes: the test would time out.
        name: 'a FIFO',
        file: 'fifo.csv',
        make: (path) => execFileSync('mkfifo', [path]),
        fields: latency,
        error: ['fifo.csv', 'is not a regular file']
    },
    {
        name: 'a symbolic link to a device (/dev/zero)',
        file: 'zero.csv',
        make: (path) => symlinkSync('/dev/zero', path),
        fields: latency,
        error: ['zero.csv', 'is not a regular file']
    },
    {
        // 17 MiB without a line end: longer than MAX_RECORD_BYTES (16 MiB).
        name: 'an endless line',
        file: 'endless.csv',
        make: (path) => writeFileSync(path, `time,latency,status\n${'x'.repeat(17 * 1024 * 1024)}`),
        fields: latency,
        error: ['endless.csv:2:', 'longer than 16 MiB']
    },
    {
        name: 'NUL in the path',
        file: 'nul\0.csv',
        fields: latency,
        error: ['nul\\0.csv', 'NUL character']
    },
    {
        // A credentials file read as NDJSON with --skip-invalid: every line is rejected, none quoted.
        name: 'a credentials file as NDJSON',
        file: 'credentials.ndjson',
        content: `[default]\naws_access_key_id = ${SECRET}\naws_secret_access_key = ${SECRET}\n`,
        fields: latency,
        skipInvalid: true,
        rows: 0,
        rejected: 3,
        // `[default]`: a value or "]" was expected after "[", where the "d" is
        error: ['credentials.ndjson:1:2:', 'invalid JSON: expected a value'],
        neverQuoted: [SECRET, 'default']
    },
    {
        // A one-line token file read as CSV: its only line is the header, and no declared column is in it.
        name: 'a token file as CSV',
        file: 'token.csv',
        content: `${SECRET}\n`,
        fields: latency,
        error: ['token.csv:1: missing column "time"', 'the header has 1 column (not quoted'],
        neverQuoted: [SECRET]
    },
    {
        // Overlong encoding of "/" (C0 AF) and an encoded UTF-16 surrogate (ED A0 80) are not UTF-8 either.
        name: 'overlong and surrogate UTF-8 sequences',
        file: 'overlong.csv',
        content: Buffer.concat([Buffer.from(`time,service\n${ROW},a`), Buffer.from([0xc0, 0xaf]), Buffer.from(`\n${ROW},b`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]),
        fields: [field('time', 'timestamp'), field('service', 'text')],
        skipInvalid: true,
        rows: 0,
        rejected: 2,
        error: ['overlong.csv:2:2:', 'byte 0xc0 at byte 2 of the value']
    },
    {
        // A binary file (a PNG signature) declared as NDJSON: rejected by position, never quoted.
        name: 'a binary file as NDJSON',
        file: 'image.ndjson',
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x0a]),
        fields: latency,
        skipInvalid: true,
        rows: 0,
        // the signature holds two line ends: "\x89PNG\r" (not UTF-8) and "\x1a" (not JSON)
        rejected: 2,
        error: ['image.ndjson:1:1:', 'not valid UTF-8'],
        neverQuoted: ['PNG']
    },
    {
        // A header column repeated after trimming (" latency") is a duplicate too.
        name: 'CSV header with a duplicate column after trimming',
        file: 'duplicate-trimmed.csv',
        content: `time,latency, latency ,status\n${ROW},1,2,200\n`,
        fields: latency,
        error: ['duplicate-trimmed.csv:1:3:', 'column "latency" twice']
    },
    {
        // Columns no field reads may repeat (spreadsheets export empty trailing names), and JSON keys too.
        name: 'repeated columns and keys no field reads',
        file: 'repeated-unread.csv',
        content: `time,latency,status,,\n${ROW},1,200,,\n`,
        fields: latency,
        rows: 1
    },
    {
        name: 'JSON array element with a duplicate key, nested keys not counted',
        file: 'duplicate-nested.json',
        content: `[{"time":"${ROW}","latency":1,"status":200,"meta":{"latency":2},"x":1,"x":2},\n {"time":"${ROW}","status":200,"latency":1,"status":500}]`,
        fields: latency,
        rows: 1,
        skipInvalid: true,
        rejected: 1,
        error: ['duplicate-nested.json:2:2: element 1:', 'key "status" twice']
    },
    {
        name: 'a credentials file as a JSON array',
        file: 'credentials.json',
        content: `[\n"aws_access_key_id = ${SECRET}"\n]`,
        fields: latency,
        skipInvalid: true,
        rows: 0,
        rejected: 1,
        error: ['credentials.json:2:1: element 0:', 'expected a JSON object, found string'],
        neverQuoted: [SECRET]
    }
];

describe('hostile data corpus', () => {
    for (const c of cases) {
        it(c.name, async () => {
            const path = join(dir, c.file);
            if (c.make) c.make(path);
            else if (c.content !== undefined) writeFileSync(path, c.content);
            else expect(existsSync(path)).toBe(false);
            const spec: DatasetSpec = { name: 'requests', path, format: c.format ?? (c.file.endsWith('.csv') ? 'csv' : c.file.endsWith('.json') ? 'json' : 'ndjson'), fields: c.fields };
            let rows = 0;
            let message: string | undefined;
            let rejected = 0;
            try {
                const result = await scanDataset(spec, () => rows++, { skipInvalid: c.skipInvalid ?? false });
                rejected = result.rejected;
                message = result.rejectedSamples[0]?.message;
                for (const sample of result.rejectedSamples) for (const secret of c.neverQuoted ?? []) expect(`${sample.message} ${sample.value}`).not.toContain(secret);
            } catch (error) {
                message = (error as Error).message;
                expect(c.rows, `unexpected error: ${message}`).toBeUndefined();
            }
            if (c.rows !== undefined) expect(rows).toBe(c.rows);
            if (c.rejected !== undefined) expect(rejected).toBe(c.rejected);
            if (c.error) {
                expect(message).toBeDefined();
                for (const part of c.error) {
                    if (typeof part === 'string') expect(message).toContain(part);
                    else expect(message).toMatch(part);
                }
            } else {
                expect(message).toBeUndefined();
            }
            for (const secret of c.neverQuoted ?? []) expect(message ?? '').not.toContain(secret);
        }, 20_000);
    }
});
