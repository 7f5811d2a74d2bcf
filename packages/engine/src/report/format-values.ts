import { formatDuration } from '../time/duration.js';
import { addDays, parseCalendarDate } from '../evaluate/calendar-date.js';
import type { ReportUnit, WindowStatus } from './report-types.js';

/** Values for human readers: 99.953 %, 287 ms, 44 min 38 s, €1,200.00. */
export function formatValue(value: number | null, unit: ReportUnit): string {
    if (value === null) return '—';
    switch (unit) {
        case 'ratio':
            return `${trimDecimals(value * 100, 3)} %`;
        case 'ms':
            return Math.abs(value) < 1000 ? `${trimDecimals(value, 1)} ms` : formatDuration(value);
        case 'count':
            return groupThousands(value, 0);
        case 'number':
            return groupThousands(value, 3);
        case 'timestamp':
        case 'text':
        case 'boolean':
            return String(value);
        default:
            return formatMoney(value, unit);
    }
}

/** A margin with its sign; ratio margins in percentage points. */
export function formatMargin(margin: number | null, unit: ReportUnit): string {
    if (margin === null) return '—';
    const sign = margin > 0 ? '+' : margin < 0 ? '−' : '±';
    if (unit === 'ratio') return `${sign}${trimDecimals(Math.abs(margin) * 100, 3)} pp`;
    return `${sign}${formatValue(Math.abs(margin), unit)}`;
}

export function formatShare(share: number | null): string {
    return share === null ? '—' : `${trimDecimals(share * 100, 1)} %`;
}

export function formatMoney(amount: number, currency: string): string {
    if (/^[A-Z]{3}$/.test(currency)) {
        return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
    }
    return `${groupThousands(amount, 2, 2)} ${currency}`.trim();
}

export function statusWord(status: WindowStatus): string {
    return status === 'met' ? 'MET' : status === 'breached' ? 'BREACHED' : 'NO DATA';
}

/**
 * A window for readers, from its ISO bounds: a single day, a day range (end
 * exclusive turned inclusive), or the exact instants when not at midnight.
 */
export function formatWindow(start: string, end: string): string {
    const midnight = (iso: string): boolean => iso.slice(11, 19) === '00:00:00';
    if (!midnight(start) || !midnight(end)) return `${start} – ${end}`;
    const first = start.slice(0, 10);
    const last = addDays(parseCalendarDate(end.slice(0, 10)), -1);
    const lastText = `${last.year}-${String(last.month).padStart(2, '0')}-${String(last.day).padStart(2, '0')}`;
    return first === lastText ? first : `${first} – ${lastText}`;
}

function trimDecimals(value: number, decimals: number): string {
    const text = value.toFixed(decimals);
    return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function groupThousands(value: number, maxDecimals: number, minDecimals = 0): string {
    return new Intl.NumberFormat('en', { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals }).format(value);
}
