/**
 * `sla explain` and hovers are Markdown: titles, descriptions, clause texts, paths, owners
 * and strings of an agreement (often someone else's file) appear as text, never as raw HTML
 * or links (issue 13, item 17).
 */
import { afterEach, expect, test } from 'vitest';
import { explainDocument } from '../../src/explain/explain-document.js';
import { createTestServices } from '../test-services.js';

const { services, parse, clear } = createTestServices();
afterEach(() => clear());

const TAG = '<img src=x onerror=alert(1)>';

test('every string of the agreement is escaped in the explanation', async () => {
    const document = await parse(`agreement A "${TAG}" {
    provider P "${TAG}"
    party X "${TAG}" as "${TAG}"
    timezone "UTC"
    calendar C "${TAG}" {
        monday 09:00 to 17:00
        except 2026-12-24 "${TAG}"
    }
    dataset requests "${TAG}" from "data/${TAG}\`.csv" {
        status one of "${TAG}", "ok"
        time timestamp column "${TAG}"
    }
    service S "${TAG}" {
        kpi K "${TAG}" owner "${TAG}" = count(requests where status = "${TAG}")
        objective K >= 1 per calendar month
        internal target K >= 2 per calendar month owner "${TAG}"
        clause Support "[click](javascript:alert(1)) ${TAG}"
    }
}
`);
    const explained = explainDocument(document.parseResult.value, services.types.TypeComputer);
    expect(explained).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Outside code spans (where Markdown shows HTML as written) no tag is left.
    const outsideCode = explained.replaceAll('``data/<img src=x onerror=alert(1)>`.csv``', '');
    expect(outsideCode.split('\n').filter(line => line.includes('<img'))).toEqual([]);
    expect(explained).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    // A path with a backtick stays inside its code span.
    expect(explained).toContain('``data/<img src=x onerror=alert(1)>`.csv``');
});
