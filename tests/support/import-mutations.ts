import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import fc from 'fast-check';
import { projectRoot } from '../../server/config.js';
import { tlp2ExtensionId, tlpMarkings } from '../../shared/markings.js';
import { hostileText, injectionStrings, wrongType } from './hostile-input.js';

/**
 * Valid import files made unique per run (every id under the run's prefix, fresh STIX UUIDs), and
 * mutations that break them the way real files break: fields dropped, duplicated or corrupted,
 * references broken, text truncated, random bytes. Junk that lands in an id field keeps the run's prefix
 * (or is not a string), so whatever a mutated file manages to write stays inside what the test cleans up.
 */

const fixtures = path.join(projectRoot, 'tests', 'fixtures');
const stixTemplate = fs.readFileSync(path.join(fixtures, 'stix', 'apt-bundle.json'), 'utf8');
const csvTemplates = {
  CSV_ENTITIES: fs.readFileSync(path.join(fixtures, 'csv', 'entities.csv'), 'utf8'),
  CSV_RELATIONSHIPS: fs.readFileSync(path.join(fixtures, 'csv', 'relationships.csv'), 'utf8'),
};
const foundingCase = JSON.parse(fs.readFileSync(path.join(projectRoot, 'cypher', 'seed', 'founding-case.json'), 'utf8')) as Record<
  string,
  Record<string, unknown>[]
>;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields that hold ids, by format: their junk keeps the run prefix. */
const idFields = new Set([
  'id',
  'from',
  'to',
  'source',
  'disputedBy', // project JSON
  'source_ref',
  'target_ref',
  'sighting_of_ref',
  'where_sighted_refs',
  'object_refs',
  'object_marking_refs',
  'created_by_ref',
  'x_ae_id',
  'x_ae_author',
  'x_ae_disputed_by', // STIX
  'disputed_by',
  'source_id', // CSV
]);

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Ids every producer shares (the TLP marking definitions, the TLP 2.0 extension): a fresh copy keeps them. */
const sharedUuids = new Set([...tlpMarkings.map((marking) => marking.id), tlp2ExtensionId].map((id) => id.slice(id.indexOf('--') + 2)));

/**
 * A STIX fixture (apt-bundle.json unless named) with fresh UUIDs but the predefined markings', and every external
 * reference marked with the run prefix, so the sources derived from them (ids hashed from url or name) are this
 * run's alone.
 */
export function stixBundleFor(runPrefix: string, fixture?: string): { bundle: Json; stixIds: string[] } {
  const template = fixture ? fs.readFileSync(path.join(fixtures, 'stix', fixture), 'utf8') : stixTemplate;
  const fresh = new Map<string, string>();
  const text = template.replace(uuidPattern, (uuid) =>
    sharedUuids.has(uuid) ? uuid : (fresh.get(uuid) ?? fresh.set(uuid, randomUUID()).get(uuid)!),
  );
  const bundle = JSON.parse(text) as { objects: { external_references?: Record<string, string>[] }[] };
  for (const object of bundle.objects) {
    for (const reference of object.external_references ?? []) {
      // CVE and CAPEC references must keep their source_name (STIX fixes it); the same entry is the same source anyway.
      if (reference.source_name === 'cve' || reference.source_name === 'capec') continue;
      reference.source_name = `${reference.source_name ?? 'reference'} ${runPrefix}`;
      if (reference.url) reference.url = `${reference.url}#${runPrefix}`;
      if (reference.description) reference.description = `${reference.description} ${runPrefix}`;
    }
  }
  const withIds = bundle as unknown as { id: string; objects: { id: string }[] };
  return { bundle: bundle as unknown as Json, stixIds: [withIds.id, ...withIds.objects.map((object) => object.id)] };
}

/** The founding case with the run prefix on every id and every reference. */
export function foundingCaseFor(runPrefix: string): Json {
  const mine = (id: unknown) => `${runPrefix}${String(id)}`;
  const cite = (sources: unknown) =>
    (sources as { source: string; excerpt: unknown }[]).map((citation) => ({ ...citation, source: mine(citation.source) }));
  return {
    format: 'attribution-explorer',
    version: 1,
    sources: foundingCase.sources.map((source) => ({ ...source, id: mine(source.id) })),
    entities: foundingCase.entities.map((entity) => ({ ...entity, id: mine(entity.id), sources: cite(entity.sources) })),
    relationships: foundingCase.relationships.map((relationship) => ({
      ...relationship,
      id: mine(relationship.id),
      from: mine(relationship.from),
      to: mine(relationship.to),
      disputedBy: ((relationship.disputedBy as string[] | undefined) ?? []).map(mine),
      sources: cite(relationship.sources),
    })),
  } as unknown as Json;
}

/** A CSV fixture as rows of cells (header first), with the run prefix in every id. */
export function csvRowsFor(format: keyof typeof csvTemplates, runPrefix: string, entityPrefix = runPrefix): string[][] {
  // Relationship ids (`rel-...`) take the run prefix; entity and source references may point at shared ones.
  const text = csvTemplates[format].replaceAll('{{prefix}}rel-', `${runPrefix}rel-`).replaceAll('{{prefix}}', entityPrefix);
  return parseCsv(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
}

export function csvText(format: keyof typeof csvTemplates, runPrefix: string): string {
  return csvTemplates[format].replaceAll('{{prefix}}', runPrefix);
}

/** One structural change; the numbers pick where it lands, whatever the document's shape. */
export type TreeMutation =
  | { kind: 'drop' | 'duplicate' | 'swap' | 'empty'; at: number; other: number }
  | { kind: 'corrupt'; at: number; junk: unknown }
  | { kind: 'retarget'; at: number; other: number }
  | { kind: 'break-ref'; at: number; other: number };

export const treeMutation: fc.Arbitrary<TreeMutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'swap', 'empty'), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('corrupt'), at: fc.nat(), junk: fc.oneof(hostileText, wrongType, fc.integer(), fc.constant('')) }),
  fc.record({ kind: fc.constant('retarget'), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('break-ref'), at: fc.nat(), other: fc.nat() }),
) as fc.Arbitrary<TreeMutation>;

/** Text-level damage after serializing: truncation, random bytes, deletions, line-ending changes. */
export type TextMutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'crlf' | 'bom' | 'nul' };

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert'),
    at: fc.nat(),
    text: fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      fc.uint8Array({ minLength: 1, maxLength: 16 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
      fc.constantFrom(...injectionStrings, ',', '"', '\n', '\r\n', '{', '}', '[', ']', ':', '\\'),
    ),
  }),
  fc.record({ kind: fc.constant('delete'), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constantFrom('crlf', 'bom', 'nul') }),
) as fc.Arbitrary<TextMutation>;

interface Slot {
  parent: Json[] | { [key: string]: Json };
  key: string | number;
  /** The object key this value sits under (for array items, the array's key). */
  field: string;
}

function slotsOf(value: Json, field = '', found: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push({ parent: value, key: index, field });
      slotsOf(item, field, found);
    });
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      found.push({ parent: value, key, field: key });
      slotsOf(item, key, found);
    }
  }
  return found;
}

function stringsOf(value: Json): string[] {
  return slotsOf(value)
    .map((slot) => (slot.parent as Record<string | number, Json>)[slot.key])
    .filter((item): item is string => typeof item === 'string');
}

/** Applies the mutations to a copy of the document. */
export function mutateTree(document: Json, mutations: TreeMutation[], runPrefix: string): Json {
  const copy = structuredClone(document);
  for (const mutation of mutations) {
    const slots = slotsOf(copy);
    if (slots.length === 0) break;
    const slot = slots[mutation.at % slots.length];
    const parent = slot.parent as Record<string | number, Json>;
    const ownJunk = (junk: unknown): Json =>
      typeof junk === 'string' && idFields.has(slot.field) ? `${runPrefix}${junk}` : (junk as Json);
    switch (mutation.kind) {
      case 'drop':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else delete parent[slot.key];
        break;
      case 'duplicate':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 0, structuredClone(slot.parent[slot.key as number]));
        else parent[`${slot.key}_copy`] = structuredClone(parent[slot.key]);
        break;
      case 'swap': {
        const other = slots[mutation.other % slots.length];
        const otherParent = other.parent as Record<string | number, Json>;
        const here = parent[slot.key];
        parent[slot.key] = structuredClone(otherParent[other.key]);
        otherParent[other.key] = structuredClone(here);
        break;
      }
      case 'empty':
        parent[slot.key] = Array.isArray(parent[slot.key])
          ? []
          : typeof parent[slot.key] === 'object' && parent[slot.key] !== null
            ? {}
            : '';
        break;
      case 'corrupt':
        parent[slot.key] = ownJunk(mutation.junk);
        break;
      case 'retarget': {
        // Another string of the same document: a reference that now points somewhere else (or at a non-id).
        const strings = stringsOf(copy);
        if (strings.length > 0) parent[slot.key] = strings[mutation.other % strings.length];
        break;
      }
      case 'break-ref':
        parent[slot.key] = `${runPrefix}ghost-${mutation.other}`;
        break;
    }
  }
  return copy;
}

/** Applies text-level damage. */
export function mutateText(text: string, mutations: TextMutation[]): string {
  let result = text;
  for (const mutation of mutations) {
    switch (mutation.kind) {
      case 'truncate':
        result = result.slice(0, mutation.at % (result.length + 1));
        break;
      case 'insert': {
        const at = mutation.at % (result.length + 1);
        result = result.slice(0, at) + mutation.text + result.slice(at);
        break;
      }
      case 'delete': {
        const at = mutation.at % (result.length + 1);
        result = result.slice(0, at) + result.slice(at + mutation.length);
        break;
      }
      case 'crlf':
        result = result.replace(/\r?\n/g, '\r\n');
        break;
      case 'bom':
        result = `\ufeff${result}`;
        break;
      case 'nul':
        result = result.replace(/,/, ',\u0000');
        break;
    }
  }
  return result;
}

/**
 * CSV rows, mutated cell by cell, then written back as CSV text. Cells under an id column of the final
 * header (each item of a `|` list) that do not start with `keep` are put under the run prefix.
 */
export function mutateCsv(rows: string[][], mutations: TreeMutation[], runPrefix: string, keep = runPrefix): string {
  const table = mutateTree(rows as Json, mutations, runPrefix);
  const asRow = (row: Json): string[] =>
    (Array.isArray(row) ? row : [row]).map((cell) => (typeof cell === 'string' ? cell : (JSON.stringify(cell) ?? '')));
  const [header = [], ...data] = (Array.isArray(table) ? table : [table]).map(asRow);
  const own = (item: string) => (item.trim() === '' || item.trim().startsWith(keep) ? item : `${runPrefix}${item.trim()}`);
  const cells = data.map((row) =>
    row.map((cell, column) => (idFields.has(header[column]?.trim() ?? '') ? cell.split('|').map(own).join('|') : cell)),
  );
  return stringifyCsv([header, ...cells]);
}
