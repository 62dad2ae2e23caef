import { rankingConfidence } from '../confidence.js';
import { entityKindsInLegendOrder, kindDefinitions, stancesInLegendOrder } from '../../../shared/vocabulary.js';
import type { EntityKindName } from '../model.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../types.js';
import { highestTlpOf, markingNames, tlpLabel } from './markings.js';
import { linkPeriod, phraseRelationship, type Phrase } from './phrasing.js';
import type { ExportSubgraph } from './types.js';

export interface Footnote {
  number: number;
  citation: Citation;
}

export interface Dispute {
  /** The disputing entity, usually a denial. */
  entity: EntityRecord;
  /** "Ministry of Foreign Affairs of Iran (denial, 2023-12-27)". */
  label: string;
  statement: string | null;
  /** False after the first mention in a list: the words are quoted once, later mentions only name it. */
  quote: boolean;
  notes: number[];
}

export interface ReportSentence {
  relationship: RelationshipRecord;
  phrase: Phrase;
  /** When the link holds ("from 2022-09-09"), or null when always. */
  period: string | null;
  notes: number[];
  disputes: Dispute[];
  /** Its data markings by name (TLP:AMBER, a statement), shown beside it. */
  markings: string[];
}

export interface ReportSection {
  title: string;
  sentences: ReportSentence[];
}

export interface ReportEntityRow {
  entity: EntityRecord;
  kindLabel: string;
  notes: number[];
  markings: string[];
  /** "revoked" or "deprecated" when its producer retired it. */
  retired: string | null;
}

/** An analyst's note in a report: what it is about, who wrote it and when, its words and its citations. */
export interface ReportNote {
  about: Phrase;
  author: string;
  /** The day it was written. */
  written: string;
  text: string;
  notes: number[];
}

/** Everything a report says, computed once; export-markdown.ts and export-html.ts only lay it out. */
export interface ReportModel {
  title: string;
  /** "Neighbourhood at depth 2 of …", what was selected and how. */
  scope: string;
  summary: string;
  sections: ReportSection[];
  contested: ReportSentence[];
  entities: ReportEntityRow[];
  /** Analysts' notes about the report's entities and links, oldest first. */
  analystNotes: ReportNote[];
  footnotes: Footnote[];
  truncated: boolean;
  exportedOn: string;
  /** The most restricted TLP level of anything in the report (TLP:RED), for its banner; null when none is marked. */
  tlp: string | null;
  /** What a TLP ceiling withheld, as a sentence, or null. */
  withheld: string | null;
  /**
   * A report of more than `reportLimits.detailedEntities` entities is summarised: the narrative covers the links
   * among its most connected entities (`narrated`), and the appendix lists every link. Null when nothing is left out.
   */
  summarised: { narratedEntities: number; narratedLinks: number; appendix: RelationshipRecord[] } | null;
}

/** Reports of more entities are summarised (see ReportModel.summarised); their picture shows `pictureEntities`. */
export const reportLimits = { detailedEntities: 2_000, pictureEntities: 300 } as const;

/** The `count` most connected entities of a subgraph (by links within it) and the links among them. */
export function mostConnected(subgraph: ExportSubgraph, count: number): ExportSubgraph {
  if (subgraph.entities.length <= count) return subgraph;
  const degree = new Map<string, number>();
  for (const rel of subgraph.relationships) {
    degree.set(rel.from.id, (degree.get(rel.from.id) ?? 0) + 1);
    degree.set(rel.to.id, (degree.get(rel.to.id) ?? 0) + 1);
  }
  const keep = new Set(
    [...subgraph.entities]
      .sort((a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.id.localeCompare(b.id))
      .slice(0, count)
      .map((entity) => entity.id),
  );
  return {
    ...subgraph,
    entities: subgraph.entities.filter((entity) => keep.has(entity.id)),
    relationships: subgraph.relationships.filter((rel) => keep.has(rel.from.id) && keep.has(rel.to.id)),
  };
}

// Sections read from "who did it" to "what followed"; each relationship type sits in one.
const sectionsByTheme: [string, string[]][] = [
  ['Attribution, claims and denials', ['ATTRIBUTED_TO', 'CLAIMED_BY', 'DENIED_BY', 'AFFILIATED_WITH', 'USES']],
  ['Targets, motives and sequence', ['TARGETED', 'MOTIVATED_BY', 'PART_OF', 'FOLLOWS']],
  ['Statements', ['MADE_BY', 'ABOUT']],
  ['Responses', ['IMPOSED_BY', 'SANCTIONS', 'RESPONDS_TO', 'SEVERED_TIES_WITH', 'SUPPORTS']],
  ['Context', ['HOSTS', 'LOCATED_IN', 'RELATED_TO']],
];

/** Numbers each distinct (source, excerpt) citation in order of first use. */
class FootnoteList {
  readonly footnotes: Footnote[] = [];
  private readonly numbers = new Map<string, number>();
  cite(sources: Citation[]): number[] {
    return [
      ...new Set(
        sources.map((citation) => {
          const key = `${citation.id}\u0000${citation.excerpt ?? ''}`;
          let number = this.numbers.get(key);
          if (number === undefined) {
            number = this.footnotes.length + 1;
            this.numbers.set(key, number);
            this.footnotes.push({ number, citation });
          }
          return number;
        }),
      ),
    ];
  }
}

const kindOrder: readonly EntityKindName[] = entityKindsInLegendOrder;

function listNames(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function describeScope(subgraph: ExportSubgraph): { title: string; scope: string } {
  const view = subgraph.request.view;
  if (view) {
    return {
      title: `Attribution report: ${view.title}`,
      scope: `The saved view “${view.title}” (/v/${view.id}) as the team sees it: its entities and links, with its filters and arrangement.`,
    };
  }
  const given = subgraph.request.ids.map((id) => subgraph.entities.find((entity) => entity.id === id)?.name ?? id);
  const title = given.length <= 3 ? `Attribution report: ${listNames(given)}` : `Attribution report: ${given.length} selected entities`;
  const { depth, filter } = subgraph.request;
  const around =
    depth === 0
      ? 'The selected entities and the links among them'
      : `Everything within ${depth} link${depth === 1 ? '' : 's'} of ${given.length <= 3 ? listNames(given) : `${given.length} selected entities`}`;
  const filters = [
    filter?.types?.length ? `types ${filter.types.join(', ')}` : null,
    filter?.minConfidence ? `confidence at least ${filter.minConfidence}` : null,
    filter?.stances?.length ? `stances ${filter.stances.join(', ').toLowerCase()}` : null,
    filter?.asOf ? `as the graph stood on ${filter.asOf}` : null,
  ].filter(Boolean);
  return { title, scope: `${around}${filters.length ? `, limited to ${filters.join('; ')}` : ''}.` };
}

function summarize(subgraph: ExportSubgraph, contested: number, sources: number): string {
  const counts = stancesInLegendOrder
    .map((stance) => [stance, subgraph.relationships.filter((rel) => rel.stance === stance).length] as const)
    .filter(([, count]) => count > 0)
    .map(([stance, count]) => `${count} ${stance.toLowerCase()}`);
  const plural = (count: number, word: string, words = `${word}s`) => `${count} ${count === 1 ? word : words}`;
  return (
    `${plural(subgraph.entities.length, 'entity', 'entities')} and ${plural(subgraph.relationships.length, 'link')}` +
    (counts.length ? ` (${counts.join(', ')})` : '') +
    `, drawn from ${plural(sources, 'source document')}. ${contested === 0 ? 'No link is contested.' : `${plural(contested, 'link')} ${contested === 1 ? 'is' : 'are'} contested.`}`
  );
}

/** Copies of the sentences where each disputing statement is quoted at its first mention only. */
function quoteOnce(sentences: ReportSentence[]): ReportSentence[] {
  const quoted = new Set<string>();
  return sentences.map((entry) => ({
    ...entry,
    disputes: entry.disputes.map((dispute) => {
      const first = !quoted.has(dispute.entity.id);
      quoted.add(dispute.entity.id);
      return { ...dispute, quote: first };
    }),
  }));
}

/** Turns the subgraph into a report: sentences per link with numbered citations, disputes, entity rows. */
export function buildReportModel(subgraph: ExportSubgraph): ReportModel {
  const notes = new FootnoteList();
  const large = subgraph.entities.length > reportLimits.detailedEntities;
  const narrated = large ? mostConnected(subgraph, reportLimits.detailedEntities) : subgraph;
  const dispute = (entity: EntityRecord): Dispute => {
    const author = subgraph.authors.get(entity.id);
    const facts = [kindDefinitions[entity.kind].label.toLowerCase(), entity.date].filter(Boolean).join(', ');
    return {
      entity,
      label: `${author?.name ?? entity.name} (${facts})`,
      statement: entity.properties.statement ?? null,
      quote: true,
      notes: notes.cite(entity.sources),
    };
  };
  const sentence = (relationship: RelationshipRecord): ReportSentence => ({
    relationship,
    phrase: phraseRelationship(relationship),
    period: linkPeriod(relationship),
    notes: notes.cite(relationship.sources),
    disputes: relationship.disputedBy.map(dispute),
    markings: markingNames(relationship, subgraph),
  });
  const known = new Set(sectionsByTheme.flatMap(([, types]) => types));
  const sections = sectionsByTheme
    .map(([title, types]) => ({
      title,
      sentences: narrated.relationships
        .filter((rel) => types.includes(rel.type) || (title === 'Context' && !known.has(rel.type)))
        // Grouped by subject, then in the section's order (attribution, claim, denial), strongest first.
        .sort(
          (a, b) =>
            a.from.name.localeCompare(b.from.name) ||
            types.indexOf(a.type) - types.indexOf(b.type) ||
            rankingConfidence(b.confidence) - rankingConfidence(a.confidence) ||
            a.id.localeCompare(b.id),
        )
        .map(sentence),
    }))
    .filter((section) => section.sentences.length > 0);
  const contested = quoteOnce(sections.flatMap((section) => section.sentences).filter((entry) => entry.disputes.length > 0));
  for (const section of sections) section.sentences = quoteOnce(section.sentences);
  const entities = [...subgraph.entities]
    .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name))
    .map((entity) => ({
      entity,
      kindLabel: kindDefinitions[entity.kind].label,
      notes: notes.cite(entity.sources),
      markings: markingNames(entity, subgraph),
      retired: entity.revoked ? 'revoked' : entity.deprecated ? 'deprecated' : null,
    }));
  const entityById = new Map(subgraph.entities.map((entity) => [entity.id, entity]));
  const relationshipById = new Map(subgraph.relationships.map((relationship) => [relationship.id, relationship]));
  const analystNotes = (subgraph.notes ?? []).flatMap((note): ReportNote[] => {
    const entity = entityById.get(note.subjectId);
    const relationship = relationshipById.get(note.subjectId);
    const about = entity ? [entity] : relationship ? phraseRelationship(relationship) : null;
    if (!about) return [];
    return [{ about, author: note.author, written: note.createdAt.slice(0, 10), text: note.text, notes: notes.cite(note.sources) }];
  });
  const sourceCount = new Set(notes.footnotes.map((note) => note.citation.id)).size;
  return {
    ...describeScope(subgraph),
    summary: summarize(subgraph, contested.length, sourceCount),
    sections,
    contested,
    entities,
    analystNotes,
    footnotes: notes.footnotes,
    truncated: subgraph.truncated,
    exportedOn: subgraph.request.exportedOn,
    summarised: large
      ? {
          narratedEntities: narrated.entities.length,
          narratedLinks: narrated.relationships.length,
          appendix: [...subgraph.relationships].sort(
            (a, b) =>
              a.from.name.localeCompare(b.from.name) ||
              rankingConfidence(b.confidence) - rankingConfidence(a.confidence) ||
              a.id.localeCompare(b.id),
          ),
        }
      : null,
    tlp: (() => {
      const level = highestTlpOf(subgraph);
      return level ? tlpLabel(level) : null;
    })(),
    withheld: withheldSentence(subgraph),
  };
}

/** "2 entities and 3 links marked above TLP:AMBER are withheld from this export." */
function withheldSentence(subgraph: ExportSubgraph): string | null {
  const { entities, relationships } = subgraph.withheld;
  if (!subgraph.request.tlpCeiling || entities + relationships === 0) return null;
  const plural = (count: number, word: string, words: string) => `${count} ${count === 1 ? word : words}`;
  return `${plural(entities, 'entity', 'entities')} and ${plural(relationships, 'link', 'links')} marked above ${tlpLabel(subgraph.request.tlpCeiling)} are withheld from this export.`;
}
