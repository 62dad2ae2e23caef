import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportEntitiesCsv, exportRelationshipsCsv } from '../../../../../server/domain/export/export-csv.js';
import { exportGraphml } from '../../../../../server/domain/export/export-graphml.js';
import { exportHtml } from '../../../../../server/domain/export/export-html.js';
import { exportMarkdown } from '../../../../../server/domain/export/export-markdown.js';
import { layoutSubgraph } from '../../../../../server/domain/export/layout-subgraph.js';
import { readExtension } from '../../../../../server/domain/stix/extension.js';
import { exportStix } from '../../../../../server/domain/export/export-stix.js';
import { formulaCells, hostileSubgraph, hostileUrls, xmlForbidden } from '../../../../support/hostile-subgraph.js';
import { runPython } from '../../../../support/python.js';

const subgraph = hostileSubgraph();

/** The documented way back from a neutralised cell (docs/import-formats.md): drop one leading apostrophe. */
const restoreCell = (cell: string) => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const formulaStart = /^[=+\-@\t\r]/;
/** Text as it reads back from a UTF-8 file: a lone surrogate becomes U+FFFD on the way. */
const asUtf8 = (text: string | null) => (text === null ? null : Buffer.from(text, 'utf8').toString('utf8'));

/** Reads a CSV file the strictest way a spreadsheet might: any line break outside quotes ends a record. */
function readStrictly(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\ufeff'), 'UTF-8 byte-order mark for Excel').toBe(true);
  return parse(csv, { bom: true, columns: true, record_delimiter: ['\r\n', '\n', '\r'], relax_quotes: false });
}

describe('CSV exports follow RFC 4180 and neutralise formulas (finding 7)', () => {
  it('quotes every field with a line break, so no record is split, whatever reads it', () => {
    const entities = readStrictly(exportEntitiesCsv(subgraph));
    expect(entities).toHaveLength(subgraph.entities.length);
    const relationships = readStrictly(exportRelationshipsCsv(subgraph));
    expect(relationships).toHaveLength(subgraph.relationships.length);
    const csv = exportEntitiesCsv(subgraph);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('no cell begins with = + - @ tab or carriage return, and dropping one apostrophe restores each value', () => {
    const entities = readStrictly(exportEntitiesCsv(subgraph));
    const relationships = readStrictly(exportRelationshipsCsv(subgraph));
    for (const row of [...entities, ...relationships]) {
      for (const cell of Object.values(row)) expect(cell, JSON.stringify(cell)).not.toMatch(formulaStart);
    }
    expect(entities.map((row) => [restoreCell(row.name), restoreCell(row.description)])).toEqual(
      subgraph.entities.map((entity) => [asUtf8(entity.name), asUtf8(entity.description)]),
    );
    expect(relationships.map((row) => [restoreCell(row.from_name), restoreCell(row.description)])).toEqual(
      subgraph.relationships.map((relationship) => [asUtf8(relationship.from.name), asUtf8(relationship.description)]),
    );
    for (const formula of formulaCells) expect(entities.map((row) => row.name)).toContain(`'${formula}`);
  });
});

/** Parses each document with Python's expat, which refuses anything XML 1.0 forbids. */
async function strictXmlErrors(documents: Record<string, string>): Promise<Record<string, string | null>> {
  return runPython<Record<string, string | null>>(
    `
import json, sys, xml.dom.minidom
documents = json.load(sys.stdin)
errors = {}
for name, text in documents.items():
    try:
        xml.dom.minidom.parseString(text.encode('utf-8', 'surrogatepass'))
        errors[name] = None
    except Exception as error:
        errors[name] = str(error)
print(json.dumps(errors))
`,
    JSON.stringify(documents),
  );
}

describe('XML exports stay well-formed whatever the text holds (finding 12)', () => {
  it('GraphML and the report picture parse as XML 1.0 with NUL, control characters and lone surrogates in names', async () => {
    const graphml = exportGraphml(subgraph);
    const markdown = exportMarkdown(subgraph, layoutSubgraph);
    const svg = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(markdown)![1], 'base64').toString('utf8');
    const html = exportHtml(subgraph, layoutSubgraph);
    const inlineSvg = /<svg[\s\S]*?<\/svg>\n?<figcaption>/.exec(html)![0].replace(/<figcaption>$/, '');
    expect(await strictXmlErrors({ graphml, svg, inlineSvg })).toEqual({ graphml: null, svg: null, inlineSvg: null });
    // The forbidden characters were replaced, not dropped silently: U+FFFD marks each place.
    expect(graphml).toContain('NUL\ufffdname');
    expect(graphml).toContain('lone \ufffd surrogate');
    for (const text of xmlForbidden) expect(graphml).not.toContain(text);
  });
});

describe('reports never link an unsafe URL and never run script (finding 2)', () => {
  const html = exportHtml(subgraph, layoutSubgraph);

  it('the HTML report carries a Content-Security-Policy that forbids script', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src/);
    expect(html).not.toMatch(/<script/i);
  });

  it('links only http(s) URLs that pass the URL policy, each with rel="noopener noreferrer"', () => {
    const links = [...html.matchAll(/<a ([^>]*)>/g)].map((match) => match[1]);
    const external = links.filter((attributes) => !/href="#/.test(attributes));
    expect(external).toEqual(['href="https://example.org/report?a=1&amp;b=2" rel="noopener noreferrer"']);
    for (const url of hostileUrls) expect(html).not.toContain(`href="${url}`);
    // Unsafe URLs are still shown, as text, so the evidence stays visible.
    expect(html).toContain('javascript:window.__pwned=&quot;javascript-url&quot;');
  });

  it('Markdown has no autolinks and links only safe URLs', () => {
    const markdown = exportMarkdown(subgraph, layoutSubgraph);
    expect(markdown).not.toMatch(/(?<!\\)<https?:/);
    expect(markdown).toContain('[https://example.org/report?a=1&b=2](https://example.org/report?a=1&b=2)');
    for (const url of hostileUrls) expect(markdown).not.toContain(`](${url}`);
    // Markup in text is backslash-escaped, which CommonMark reads as literal characters.
    expect(markdown).not.toMatch(/(?<!\\)<(script|img|svg)/i);
  });

  it('STIX puts no URL in external_references (which stix2-validator checks); the exact records, URL as stored, travel in the extension', () => {
    const bundle = JSON.parse(exportStix(subgraph)) as { objects: Record<string, unknown>[] };
    const references = bundle.objects.flatMap((object) => (object.external_references as { url?: string }[] | undefined) ?? []);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => reference.url !== undefined)).toEqual([]);
    const carried = bundle.objects.flatMap((object) => (readExtension(object)?.sources as { url?: string }[] | undefined) ?? []);
    expect(new Set(carried.map((source) => source.url))).toEqual(new Set(['https://example.org/report?a=1&b=2', ...hostileUrls]));
  });
});
