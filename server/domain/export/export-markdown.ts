import { relationshipLabel, stanceDefinitions } from '../../../shared/vocabulary.js';
import { isAllowedUrl } from '../../../shared/url-policy.js';
import { publishedText } from '../../../shared/published-date.js';
import type { Citation } from '../types.js';
import type { SubgraphLayout } from './layout-subgraph.js';
import { matrixTable } from './incident-matrices.js';
import { mentionName, type Phrase } from './phrasing.js';
import { renderSubgraphSvg } from './render-svg.js';
import { buildReportModel, mostConnected, reportLimits, type Dispute, type ReportSentence } from './report-model.js';
import type { ExportSubgraph } from './types.js';

// Markdown special characters in names and quotes would turn into emphasis or links.
const escape = (text: string) => text.replace(/([\\`*_[\]<>|#])/g, '\\$1');
const cell = (text: string) => escape(text).replace(/\r?\n/g, ' ');
const noteMarks = (numbers: number[]) => numbers.map((number) => `[${number}]`).join('');
const phraseText = (phrase: Phrase) => phrase.map((part) => (typeof part === 'string' ? part : mentionName(part))).join('');

function disputeText(dispute: Dispute): string {
  const quote = dispute.statement && dispute.quote ? `: “${escape(dispute.statement)}”` : '';
  return `disputed by ${escape(dispute.label)}${quote} ${noteMarks(dispute.notes)}`.trimEnd();
}

function sentenceLine(entry: ReportSentence): string {
  const disputes = entry.disputes.map((dispute) => `\n  - ⚑ ${disputeText(dispute)}`).join('');
  const margin = [entry.relationship.stance.toLowerCase(), entry.period, ...entry.markings.map(escape)].filter(Boolean).join(', ');
  return `- ${escape(phraseText(entry.phrase))} ${noteMarks(entry.notes)}. *(${margin})*${disputes}`;
}

/** A footnote: the excerpt, then who published what and when, then the link. */
export function citationText(citation: Citation): string {
  const excerpt = citation.excerpt ? `“${escape(citation.excerpt)}” — ` : '';
  const where = [
    citation.publisher ? escape(citation.publisher) : null,
    `*${escape(citation.title.replace(/\.$/, ''))}*`,
    citation.published ? escape(publishedText(citation)!) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${excerpt}${where}.${citation.url ? ` ${urlText(citation.url)}` : ''}`;
}

/**
 * A source's URL: a plain inline link when it passes the URL policy (parentheses percent-encoded, so the link
 * cannot end early), never an autolink; escaped text otherwise, so a stored javascript: URL shows but never links.
 */
function urlText(url: string): string {
  return isAllowedUrl(url) ? `[${escape(url)}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})` : escape(url);
}

/** The report as Markdown, the picture embedded as an SVG data URI so the file stands alone. */
export function exportMarkdown(subgraph: ExportSubgraph, layoutOf: (of: ExportSubgraph) => SubgraphLayout): string {
  const model = buildReportModel(subgraph);
  // A summarised report pictures its most connected entities; every entity is in its tables.
  const pictured = model.summarised ? mostConnected(subgraph, reportLimits.pictureEntities) : subgraph;
  const svg = renderSubgraphSvg(pictured, layoutOf(pictured));
  const lines = [
    // The marking comes first, where a reader sees it before anything it governs (TLP 2.0: "at the top").
    ...(model.tlp ? [`**${model.tlp}**`, ''] : []),
    `# ${escape(model.title)}`,
    '',
    `*${escape(model.scope)} Exported from Attribution Explorer on ${model.exportedOn}.*`,
    '',
    model.summary,
    ...(model.withheld ? ['', `> **Withheld:** ${model.withheld}`] : []),
    ...(model.truncated ? ['', '> **Note:** the neighbourhood was cut to its strongest links; some weaker links are not shown.'] : []),
    ...(model.summarised
      ? [
          '',
          `> **A large report, summarised:** the picture shows the ${pictured.entities.length} most connected entities, the narrative the ${model.summarised.narratedLinks} links among the ${model.summarised.narratedEntities} most connected. Every entity and every link (${subgraph.relationships.length}) is in the tables and the appendix.`,
        ]
      : []),
    '',
    `![Graph of the entities and links in this report](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})`,
    '',
    '## Narrative',
    ...(model.sections.length === 0 ? ['', 'There are no links among these entities.'] : []),
    ...model.sections.flatMap((section) => ['', `### ${section.title}`, '', ...section.sentences.map(sentenceLine)]),
    '',
    '## Contested links',
    '',
    ...(model.contested.length === 0 ? ['No link in this report is disputed.'] : model.contested.map(sentenceLine)),
    '',
    '## Entities',
    '',
    '| Name | Kind | Date | Description | Markings |',
    '| --- | --- | --- | --- | --- |',
    ...model.entities.map(({ entity, kindLabel, notes, markings, retired }) => {
      const aliases = entity.aliases.length ? ` (${entity.aliases.map(cell).join(', ')})` : '';
      const kind = retired ? `${kindLabel} (${retired})` : kindLabel;
      return `| **${cell(entity.name)}**${aliases} | ${kind} | ${entity.date ?? ''} | ${cell(entity.description ?? '')} ${noteMarks(notes)} | ${markings.map(cell).join(', ')} |`;
    }),
    ...(model.analystNotes.length === 0
      ? []
      : [
          '',
          "## Analysts' notes",
          '',
          ...model.analystNotes.map((note) =>
            `- On ${escape(phraseText(note.about))}, ${escape(note.author)} (${note.written}): “${cell(note.text)}” ${noteMarks(note.notes)}`.trimEnd(),
          ),
        ]),
    ...(subgraph.hypotheses ?? [])
      .map(matrixTable)
      .flatMap((table) => [
        '',
        `## Competing hypotheses: ${cell(table.incident)}`,
        '',
        ...(table.knownAsOf ? [`*As known on ${table.knownAsOf}.*`, ''] : []),
        escape(table.summary),
        ...(table.sensitivity.length > 0 ? ['', ...table.sensitivity.map((statement) => `- ${escape(statement)}`)] : []),
        '',
        `| Evidence | ${table.columns.map(cell).join(' | ')} |`,
        `| --- |${table.columns.map(() => ' --- |').join('')}`,
        ...table.rows.map((row) => `| ${cell(row.evidence)} | ${row.ratings.join(' | ')} |`),
        `| *Weighted inconsistency* | ${table.inconsistency.join(' | ')} |`,
        '',
        'CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, NA not applicable; * rated by an analyst. Hypotheses rank by the least weighted inconsistency (Heuer).',
      ]),
    ...(model.summarised
      ? [
          '',
          '## Appendix: every link',
          '',
          '| From | Relationship | To | Stance | Confidence | Sources |',
          '| --- | --- | --- | --- | --- | --- |',
          ...model.summarised.appendix.map(
            (rel) =>
              `| ${cell(rel.from.name)} | ${relationshipLabel(rel.type)} | ${cell(rel.to.name)} | ${stanceDefinitions[rel.stance].label} | ${rel.confidence ?? 'not stated'} | ${rel.sources.length} |`,
          ),
        ]
      : []),
    '',
    '## Sources',
    '',
    ...model.footnotes.map((note) => `${note.number}. ${citationText(note.citation)}`),
    '',
  ];
  return lines.join('\n');
}
