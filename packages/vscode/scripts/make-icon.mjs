// Draws the extension's 128×128 PNG icon (vsce rejects SVG icons): a blue rounded
// square with a white gauge arc and a check mark — "a promise, measured".
// Pure Node (zlib for the PNG), 4×4 supersampling for smooth edges.
// Usage: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4;
const BACKGROUND = [37, 99, 235];
const FOREGROUND = [255, 255, 255];
const ACCENT = [134, 239, 172];

function insideRoundedSquare(x, y) {
    const radius = 26;
    const dx = Math.max(radius - x, 0, x - (SIZE - radius));
    const dy = Math.max(radius - y, 0, y - (SIZE - radius));
    return dx * dx + dy * dy <= radius * radius;
}

// Gauge arc: a ring centred at (64, 70), open at the bottom (270° of the circle).
function onGaugeArc(x, y) {
    const dx = x - 64;
    const dy = y - 70;
    const distance = Math.hypot(dx, dy);
    if (distance < 34 || distance > 46) return false;
    const angleFromDown = Math.abs(Math.atan2(dx, dy)); // 0 = straight down
    return angleFromDown >= Math.PI / 4;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
}

function onCheckMark(x, y) {
    const halfWidth = 6;
    return distanceToSegment(x, y, [48, 70], [60, 82]) <= halfWidth || distanceToSegment(x, y, [60, 82], [82, 56]) <= halfWidth;
}

function pixel(px, py) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
            const x = px + (sx + 0.5) / SAMPLES;
            const y = py + (sy + 0.5) / SAMPLES;
            if (!insideRoundedSquare(x, y)) continue;
            const color = onCheckMark(x, y) ? ACCENT : onGaugeArc(x, y) ? FOREGROUND : BACKGROUND;
            r += color[0]; g += color[1]; b += color[2]; a += 1;
        }
    }
    if (a === 0) return [0, 0, 0, 0];
    return [Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / SAMPLES ** 2)];
}

function crc32(buffer) {
    let crc = 0xffffffff;
    for (const byte of buffer) {
        crc ^= byte;
        for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
    }
    return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typeAndData));
    return Buffer.concat([length, typeAndData, crc]);
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
]);
const outPath = process.argv[2] ?? new URL('../icons/sla.png', import.meta.url).pathname;
writeFileSync(outPath, png);
console.log(`wrote ${outPath} (${png.length} bytes)`);
