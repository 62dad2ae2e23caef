import { isAllowedUrl } from '../../../shared/url-policy.js';
import { publishedText } from '../../../shared/published-date.js';
import { kindDefinitions, relationshipLabel, stanceDefinitions } from '../../../shared/vocabulary.js';
import type { Citation, EntityRecord, RelationshipRecord } from '../types.js';
import { escapeMarkup as esc } from '../../../shared/escape-markup.js';
import type { SubgraphLayout } from './layout-subgraph.js';
import { matrixTable, type MatrixTable } from './incident-matrices.js';
import { mentionName, type Phrase } from './phrasing.js';
import { renderSubgraphSvg } from './render-svg.js';
import { buildReportModel, mostConnected, reportLimits, type ReportSentence } from './report-model.js';
import { reportCss } from './report-style.js';
import { shapeMarkup } from '../../../shared/svg-shapes.js';
import type { ExportSubgraph } from './types.js';

/**
 * The report's own Content-Security-Policy, for wherever the file is opened: no script of any kind, no
 * network (everything is inline), no forms, no <base>. Imported text is escaped anyway; this is the net under it.
 */
const reportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const anchor = (entity: EntityRecord) => `e-${entity.id}`;
const notes = (numbers: number[]) => numbers.map((number) => `<a class="note" href="#fn-${number}">[${number}]</a>`).join('');

function phraseHtml(phrase: Phrase): string {
  return phrase
    .map((part) => (typeof part === 'string' ? esc(part) : `<a class="entity" href="#${anchor(part)}">${esc(mentionName(part))}</a>`))
    .join('');
}

function sentenceHtml(entry: ReportSentence): string {
  const disputes = entry.disputes
    .map(
      (dispute) =>
        `<p class="dispute">⚑ Disputed by ${esc(dispute.label)}${dispute.statement && dispute.quote ? `: <q>${esc(dispute.statement)}</q>` : ''}${notes(dispute.notes)}</p>`,
    )
    .join('');
  const stance = entry.relationship.stance;
  return `<li class="stance-${stance}">${phraseHtml(entry.phrase)}${notes(entry.notes)}.<span class="stance">${[stance.toLowerCase(), entry.period].filter(Boolean).map(esc).join(' · ')}</span>${markingBadges(entry.markings)}${disputes}</li>`;
}

function citationHtml(citation: Citation): string {
  const excerpt = citation.excerpt ? `<span class="excerpt">“${esc(citation.excerpt)}”</span> — ` : '';
  const where = [
    citation.publisher ? esc(citation.publisher) : null,
    `<cite>${esc(citation.title.replace(/\.$/, ''))}</cite>`,
    citation.published ? esc(publishedText(citation)!) : null,
  ]
    .filter(Boolean)
    .join(', ');
  // Only a URL that passes the URL policy becomes a link; one stored before the policy existed stays visible as text.
  const link = !citation.url
    ? ''
    : isAllowedUrl(citation.url)
      ? ` <a href="${esc(citation.url)}" rel="noopener noreferrer">${esc(citation.url)}</a>`
      : ` <span class="url">${esc(citation.url)}</span>`;
  return `${excerpt}${where}.${link}`;
}

/** Marking badges: TLP ones in the TLP colours (coloured text on black, report-style.ts), statements in plain text. */
function markingBadges(markings: string[]): string {
  return markings
    .map((name) => {
      const level = /^TLP:(CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)$/.exec(name)?.[1];
      return level
        ? `<span class="marking tlp tlp-${level === 'WHITE' ? 'CLEAR' : level.replace('+', '_')}">${esc(name)}</span>`
        : `<span class="marking" title="${esc(name)}">${esc(name.length > 40 ? `${name.slice(0, 39)}…` : name)}</span>`;
    })
    .join('');
}

function swatch(entity: EntityRecord): string {
  const visual = kindDefinitions[entity.kind];
  return `<svg class="swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">${shapeMarkup(visual.shape, 7, 7, 12, `fill="${visual.color}" stroke="#1F2430" stroke-width="0.8"`)}</svg>`;
}

function appendixHtml(links: RelationshipRecord[]): string {
  const rows = links.map(
    (rel) =>
      `<tr><td>${esc(rel.from.name)}</td><td>${esc(relationshipLabel(rel.type))}</td><td>${esc(rel.to.name)}</td><td>${esc(stanceDefinitions[rel.stance].label)}</td><td class="date">${rel.confidence ?? 'not stated'}</td><td class="date">${rel.sources.length}</td></tr>`,
  );
  return `<h2 id="appendix">Appendix: every link</h2>
<table class="appendix">
<thead><tr><th>From</th><th>Relationship</th><th>To</th><th>Stance</th><th>Confidence</th><th>Sources</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** The report as one self-contained, print-ready HTML page: inline CSS and SVG, no external resources. */
/** One incident's competing hypotheses: the finding in words, then the matrix with a row of weighted inconsistency. */
function matrixHtml(table: MatrixTable): string {
  const when = table.knownAsOf ? `<p><em>As known on ${esc(table.knownAsOf)}.</em></p>` : '';
  const sensitivity = table.sensitivity.length > 0 ? `<ul>${table.sensitivity.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>` : '';
  return `<h2>Competing hypotheses: ${esc(table.incident)}</h2>
${when}<p>${esc(table.summary)}</p>${sensitivity}
<table class="hypotheses">
<thead><tr><th>Evidence</th>${table.columns.map((column) => `<th>${esc(column)}</th>`).join('')}</tr></thead>
<tbody>
${table.rows.map((row) => `<tr><td>${esc(row.evidence)}</td>${row.ratings.map((rating) => `<td>${esc(rating)}</td>`).join('')}</tr>`).join('\n')}
<tr><td><em>Weighted inconsistency</em></td>${table.inconsistency.map((value) => `<td>${esc(value)}</td>`).join('')}</tr>
</tbody>
</table>
<p class="legend">CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, NA not applicable; * rated by an analyst. Hypotheses rank by the least weighted inconsistency (Heuer).</p>`;
}

export function exportHtml(subgraph: ExportSubgraph, layoutOf: (of: ExportSubgraph) => SubgraphLayout): string {
  const model = buildReportModel(subgraph);
  // A summarised report pictures its most connected entities; every entity is in its tables.
  const pictured = model.summarised ? mostConnected(subgraph, reportLimits.pictureEntities) : subgraph;
  const svg = renderSubgraphSvg(pictured, layoutOf(pictured));
  const rows = model.entities.map(({ entity, kindLabel, notes: numbers, markings, retired }) => {
    const aliases = entity.aliases.length ? `<span class="aliases">${esc(entity.aliases.join(', '))}</span>` : '';
    const badge = retired ? `<span class="marking retired">${esc(retired)}</span>` : '';
    return `<tr id="${esc(anchor(entity))}"><td><strong>${esc(entity.name)}</strong>${aliases}${badge}${markingBadges(markings)}</td><td class="kind">${swatch(entity)}${esc(kindLabel)}</td><td class="date">${esc(entity.date ?? '')}</td><td>${esc(entity.description ?? '')}${notes(numbers)}</td></tr>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${reportPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Attribution Explorer">
<title>${esc(model.title)}</title>
<style>${reportCss}</style>
</head>
<body>
<header>
${model.tlp ? `<p class="tlp-banner">${markingBadges([model.tlp])}</p>` : ''}
<p class="eyebrow">Attribution Explorer · exported ${esc(model.exportedOn)}</p>
<h1>${esc(model.title)}</h1>
<p class="scope">${esc(model.scope)}</p>
<p class="summary">${esc(model.summary)}</p>
${model.truncated ? '<p class="warning">The neighbourhood was cut to its strongest links; some weaker links are not shown.</p>' : ''}
${model.summarised ? `<p class="warning">A large report, summarised: the picture shows the ${pictured.entities.length} most connected entities, the narrative the ${model.summarised.narratedLinks.toLocaleString('en')} links among the ${model.summarised.narratedEntities.toLocaleString('en')} most connected. Every entity and every link (${subgraph.relationships.length.toLocaleString('en')}) is in the tables and the appendix.</p>` : ''}
${model.withheld ? `<p class="warning">${esc(model.withheld)}</p>` : ''}
</header>
<figure>
${svg}
<figcaption>Entities by kind (shape and colour) and links by stance (line style); line width grows with confidence. Arrows point from subject to object.</figcaption>
</figure>
<main>
<h2>Narrative</h2>
${model.sections.length === 0 ? '<p>There are no links among these entities.</p>' : ''}
${model.sections.map((section) => `<section><h3>${esc(section.title)}</h3><ul class="sentences">${section.sentences.map(sentenceHtml).join('\n')}</ul></section>`).join('\n')}
<h2>Contested links</h2>
${model.contested.length === 0 ? '<p>No link in this report is disputed.</p>' : `<ul class="sentences">${model.contested.map(sentenceHtml).join('\n')}</ul>`}
<h2>Entities</h2>
<table>
<thead><tr><th>Name</th><th>Kind</th><th>Date</th><th>Description</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${
  model.analystNotes.length === 0
    ? ''
    : `<h2>Analysts’ notes</h2>
<ul class="analyst-notes">
${model.analystNotes.map((note) => `<li>On ${phraseHtml(note.about)}, ${esc(note.author)} (${esc(note.written)}): <q>${esc(note.text)}</q>${notes(note.notes)}</li>`).join('\n')}
</ul>`
}
${(subgraph.hypotheses ?? []).map((matrix) => matrixHtml(matrixTable(matrix))).join('\n')}
${model.summarised ? appendixHtml(model.summarised.appendix) : ''}
<h2>Sources</h2>
<ol class="sources">
${model.footnotes.map((note) => `<li id="fn-${note.number}" value="${note.number}">${citationHtml(note.citation)}</li>`).join('\n')}
</ol>
</main>
<footer>Generated by Attribution Explorer from the knowledge graph on ${esc(model.exportedOn)}. Confidence (0-100) says how sure the cited sources are about each link with its stance.</footer>
</body>
</html>
`;
}
