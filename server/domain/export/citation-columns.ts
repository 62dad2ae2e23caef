import { kindProperties } from '../model.js';
import type { Citation } from '../types.js';
import { originOf, reliabilityOf } from '../sources/source-evidence.js';

/** Several values in one spreadsheet cell or attribute, as analysts expect to read them. */
export const listSeparator = ' | ';

/** Every kind-specific property name once, so tabular formats have one column (or key) per property. */
export const kindPropertyNames = [...new Set(Object.values(kindProperties).flat())];

/**
 * A fact's citations as parallel, joined columns: position i of each belongs to citation i. Reliability and origin
 * are as the evidence is weighed (F and the publisher when not stated).
 */
export function citationColumns(sources: Citation[]) {
  return {
    source_ids: sources.map((source) => source.id).join(listSeparator),
    source_titles: sources.map((source) => source.title).join(listSeparator),
    source_urls: sources.map((source) => source.url ?? '').join(listSeparator),
    source_excerpts: sources.map((source) => source.excerpt ?? '').join(listSeparator),
    source_reliabilities: sources.map((source) => reliabilityOf(source)).join(listSeparator),
    source_origins: sources.map((source) => originOf(source)).join(listSeparator),
    source_credibilities: sources.map((source) => source.credibility).join(listSeparator),
  };
}

export const citationColumnNames = [
  'source_ids',
  'source_titles',
  'source_urls',
  'source_excerpts',
  'source_reliabilities',
  'source_origins',
  'source_credibilities',
] as const;
