import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSlaFiles } from '../../src/node.js';
import { resolveClient } from '../../src/model/client-resolution.js';
import { agreementOf, catalogueClientText, hostingCatalogue } from './hosting-catalogue.js';

/**
 * A client's cap on all credits together in money against the template's share of the fee
 * (`credits capped at 50% of fee per calendar month`): compared in money through the CLIENT's fee,
 * as `sla diff` compares two versions (model/credits-caps-in-money.ts), not `replaced` and unwarned.
 * - Hosting writes `fee 2000 EUR per calendar month`; a client with its own `fee 1000 EUR` is capped
 *   by the standard at 50 % × 1,000 = 500 EUR a month: 400 EUR lets the customer get less
 *   (loosened, warned), 600 EUR more (tightened), 500 EUR is the same limit (no deviation).
 *   On the template's 2,000 EUR (1,000 EUR) 600 EUR would be loosened: the client's fee counts.
 * - A client without a fee of its own pays the template's 2,000 EUR: 900 EUR < 1,000 EUR, loosened.
 * - Priced, whose fee is a parameter (`fee monthlyFee`, default 2,000 EUR): `with monthlyFee = 1000 EUR`
 *   makes the standard 500 EUR, so 700 EUR is tightened (on the default 1,000 EUR it would be loosened)
 *   and 450 EUR loosened.
 * - Towers' service Desk is capped at 12 % of its own fee: a client's Desk at 5,000 EUR a month is
 *   capped by the standard at 12 % × 5,000 = 600 EUR, so 1,000 EUR is tightened (not 12 % of the
 *   template's 10,000 EUR = 1,200 EUR, against which it would be loosened) and 500 EUR loosened.
 */
const PROMISE = `    objective Uptime >= 99.9% per calendar month
    credit for Uptime per calendar month, capped at 50% of fee {
        below 99.9%: 10% of fee
    }
`;
const HOSTING = hostingCatalogue(`    fee 2000 EUR per calendar month
    credits capped at 50% of fee per calendar month
${PROMISE}`);
const PRICED = hostingCatalogue(`    parameter monthlyFee money default 2000 EUR
    fee monthlyFee per calendar month
    credits capped at 50% of fee per calendar month
${PROMISE}`).replace('template Hosting', 'template Priced');
const TOWERS = hostingCatalogue(`    service Desk "Service desk" {
        fee 10000 EUR per calendar month
        credits capped at 12% of fee per calendar month
${PROMISE.replace(/^/gm, '    ').replace(/\n {4}$/, '\n')}    }
`).replace('template Hosting', 'template Towers');

const cap = (amount: string) => `    credits capped at ${amount} per calendar month\n`;
const desk = (amount: string) => `    service Desk {\n        fee 5000 EUR per calendar month\n        credits capped at ${amount} per calendar month\n    }\n`;
const CLIENTS: Record<string, { template?: string; fee?: string; args?: string; lines?: string }> = {
    Less: { fee: '1000 EUR', lines: cap('400 EUR') },
    More: { fee: '1000 EUR', lines: cap('600 EUR') },
    Same: { fee: '1000 EUR', lines: cap('500 EUR') },
    TemplateFee: { lines: cap('900 EUR') },
    FeeArgument: { template: 'Priced', args: 'monthlyFee = 1000 EUR', lines: cap('700 EUR') },
    FeeArgumentLess: { template: 'Priced', args: 'monthlyFee = 1000 EUR', lines: cap('450 EUR') },
    DeskMore: { template: 'Towers', lines: desk('1000 EUR') },
    DeskLess: { template: 'Towers', lines: desk('500 EUR') },
    // Shares against shares, as before: 40 % of the fee is less than 50 %.
    Share: { fee: '1000 EUR', lines: cap('40% of fee') }
};

describe('a client\'s cap on all credits in money against the template\'s share of the fee', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-credits-cap-money-clients-'));
    fs.writeFileSync(path.join(folder, 'catalogue.sla'), [HOSTING, PRICED, TOWERS].join('\n'));
    fs.writeFileSync(path.join(folder, 'incidents.csv'), 'client,started,resolved\n');
    for (const [name, client] of Object.entries(CLIENTS)) fs.writeFileSync(path.join(folder, `${name.toLowerCase()}.sla`), catalogueClientText(name, client));
    const { documents } = await loadSlaFiles(Object.keys(CLIENTS).map(name => path.join(folder, `${name.toLowerCase()}.sla`)), { validate: true });
    const documentOf = (name: string) => documents.find(d => d.uri.fsPath.endsWith(`/${name.toLowerCase()}.sla`))!;
    const deviations = (name: string) => resolveClient(agreementOf(documentOf(name)))!.deviations.map(d => `${d.kind} ${d.member}: ${d.text}`);
    const loosenedWarnings = (name: string) => (documentOf(name).diagnostics ?? []).filter(d => d.code === 'sla/template-loosened')
        .map(d => `${d.range.start.line}: ${d.message}`);
    const instead = (amount: string, share = '50%') => `capped at ${amount} per calendar month instead of capped at ${share} of fee per calendar month`;
    const client1000 = '50% of fee is 500 EUR of the fee of 1000 EUR per calendar month';

    it('less money than the share of the client\'s fee is loosened, with a warning at the client\'s cap', () => {
        // 50 % × 1,000 EUR = 500 EUR > 400 EUR.
        const text = `${instead('400 EUR')} — ${client1000}`;
        expect(deviations('Less')).toEqual([`loosened credits cap: ${text}`]);
        // Line 9 (0-based 8): after the fee (line 7) and the client scope (line 8).
        expect(loosenedWarnings('Less')).toEqual([expect.stringContaining(`8: This loosens the template's cap on all credits together (credits cap: ${text}).`)]);
    });

    it('more money is tightened, the same money no deviation: neither is warned', () => {
        // 600 EUR > 500 EUR (it would be less than 50 % of the template's 2,000 EUR, 1,000 EUR).
        expect(deviations('More')).toEqual([`tightened credits cap: ${instead('600 EUR')} — ${client1000}`]);
        // 500 EUR is 50 % × 1,000 EUR: the standard written in money.
        expect(deviations('Same')).toEqual([]);
        expect([...loosenedWarnings('More'), ...loosenedWarnings('Same')]).toEqual([]);
    });

    it('the share is of the fee the client pays: the template\'s when it writes none, its argument for the fee', () => {
        // 50 % × 2,000 EUR = 1,000 EUR > 900 EUR.
        expect(deviations('TemplateFee')).toEqual([`loosened credits cap: ${instead('900 EUR')} — 50% of fee is 1000 EUR of the fee of 2000 EUR per calendar month`]);
        expect(loosenedWarnings('TemplateFee')).toHaveLength(1);
        // `monthlyFee = 1000 EUR`: 500 EUR < 700 EUR, tightened; 450 EUR < 500 EUR, loosened.
        expect(deviations('FeeArgument')).toEqual([`tightened credits cap: ${instead('700 EUR')} — ${client1000}`]);
        expect(loosenedWarnings('FeeArgument')).toEqual([]);
        expect(deviations('FeeArgumentLess')).toEqual([`loosened credits cap: ${instead('450 EUR')} — ${client1000}`]);
        expect(loosenedWarnings('FeeArgumentLess')).toHaveLength(1);
    });

    it('a service\'s cap is a share of the client\'s fee for that service', () => {
        // 12 % × 5,000 EUR = 600 EUR: 1,000 EUR is more, 500 EUR less.
        const deskFee = '12% of fee is 600 EUR of the fee of 5000 EUR per calendar month';
        expect(deviations('DeskMore')).toEqual([`tightened credits cap of Desk: ${instead('1000 EUR', '12%')} — ${deskFee}`]);
        expect(deviations('DeskLess')).toEqual([`loosened credits cap of Desk: ${instead('500 EUR', '12%')} — ${deskFee}`]);
        expect(loosenedWarnings('DeskMore')).toEqual([]);
        expect(loosenedWarnings('DeskLess')).toHaveLength(1);
    });

    it('a share against a share is compared as before', () => {
        expect(deviations('Share')).toEqual([`loosened credits cap: ${instead('40% of fee')}`]);
    });
});
