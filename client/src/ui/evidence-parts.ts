/** Building blocks of the evidence panel: sources, stance and confidence, entity links, fields. */
import { isAllowedUrl } from '../../../shared/url-policy';
import { publishedText } from '../../../shared/published-date';
import type { MarkingFieldsFragment, NoteFieldsFragment, SourceFieldsFragment, Stance } from '../gql/graphql';
import { tlpColours } from '../../../shared/markings';
import { credibilityLabels, reliabilityDefinitions, stanceDefinitions } from '../../../shared/vocabulary';
import { stanceSample } from './stance-sample';
import { h, percent } from './dom';
import { kindGlyph, kindLabel } from './kind-glyph';

export interface EntityRefLike {
  id: string;
  name: string;
  kind: string;
}

/** Clicking an entity anywhere in the evidence puts it on the canvas and selects it. */
export type OpenEntity = (entity: EntityRefLike) => void;

export function entityLink(entity: EntityRefLike, open: OpenEntity): HTMLElement {
  return h(
    'button',
    {
      class: 'entity-link',
      title: `${kindLabel(entity.kind)}: show on canvas`,
      testid: 'evidence-entity-link',
      'data-entity-id': entity.id,
      onclick: () => open(entity),
    },
    kindGlyph(entity.kind, 12),
    entity.name,
  );
}

export function stanceBadge(stance: Stance): HTMLElement {
  const visual = stanceDefinitions[stance];
  return h(
    'span',
    { class: `stance-badge stance-${stance}`, title: visual.meaning, testid: 'evidence-stance' },
    stanceSample(stance, 2, 26),
    visual.label,
  );
}

export function confidenceMeter(confidence: number | null): HTMLElement {
  if (confidence === null) {
    return h(
      'span',
      { class: 'confidence unstated', title: 'The source states no confidence', testid: 'evidence-confidence' },
      h('span', { class: 'confidence-bar' }),
      'not stated',
    );
  }
  const meter = h(
    'span',
    { class: 'confidence', title: 'How sure the sources are', testid: 'evidence-confidence' },
    h('span', { class: 'confidence-bar' }, h('span', { class: 'confidence-fill' })),
    percent(confidence),
  );
  (meter.querySelector('.confidence-fill') as HTMLElement).style.width = `${Math.max(0, Math.min(100, confidence))}%`;
  return meter;
}

/** Analysts' notes, oldest first: who wrote what and when, with the sources a note cites. */
export function noteList(notes: readonly NoteFieldsFragment[]): HTMLElement | null {
  if (notes.length === 0) return null;
  return h(
    'ul',
    { class: 'analyst-notes', testid: 'evidence-notes' },
    notes.map((note) =>
      h(
        'li',
        { class: 'analyst-note', testid: 'analyst-note' },
        h('p', { class: 'note-text' }, note.text),
        h('div', { class: 'source-meta' }, `${note.author} · ${note.createdAt.slice(0, 16).replace('T', ' ')} UTC`),
        note.sources.length > 0 ? sourceList(note.sources) : null,
      ),
    ),
  );
}

/** What a marking's badge says on hover: the TLP version, a statement's text, or the marking's id. */
function markingTitle(marking: MarkingFieldsFragment): string {
  const covers = marking.selectors?.length ? ` Covers ${marking.selectors.join(', ')} only.` : '';
  if (marking.tlp) return `Traffic Light Protocol ${marking.tlpVersion ?? ''}: share as ${marking.name} allows.${covers}`;
  return `${marking.statement ?? marking.id}${covers}`;
}

/**
 * Data markings as badges: a TLP marking in the TLP colours (FIRST's coloured text on black, shared/markings.ts),
 * a statement by its name with its text on hover; a granular marking names the properties it covers. Null when
 * there are none.
 */
export function markingBadges(markings: readonly MarkingFieldsFragment[]): HTMLElement | null {
  if (markings.length === 0) return null;
  return h(
    'span',
    { class: 'markings', testid: 'markings' },
    markings.map((marking) => {
      const covers = marking.selectors?.length ? ` (${marking.selectors.join(', ')})` : '';
      const badge = h(
        'span',
        {
          class: marking.tlp ? `marking tlp tlp-${marking.tlp}` : 'marking statement',
          title: markingTitle(marking),
          testid: 'marking-badge',
          'data-marking-id': marking.id,
        },
        `${marking.name}${covers}`,
      );
      if (marking.tlp) badge.style.color = tlpColours[marking.tlp];
      return badge;
    }),
  );
}

/** "Revoked" or "Deprecated" for what its producer retired, else null. */
export function retiredBadge(element: { revoked: boolean; deprecated: boolean }): HTMLElement | null {
  if (!element.revoked && !element.deprecated) return null;
  return element.revoked
    ? h(
        'span',
        {
          class: 'retired-badge',
          title: 'Revoked by its producer: kept for the record, replaced by a newer object',
          testid: 'retired-badge',
        },
        'Revoked',
      )
    : h(
        'span',
        { class: 'retired-badge', title: 'Deprecated by its producer: kept for the record, no longer maintained', testid: 'retired-badge' },
        'Deprecated',
      );
}

/** Sources as a list; where the query asked for them, each with the markings of the fact that cites it. */
export function sourceList(sources: readonly (SourceFieldsFragment & { markings?: readonly MarkingFieldsFragment[] })[]): HTMLElement {
  if (sources.length === 0) return h('p', { class: 'muted warning-text' }, 'No source recorded for this fact.');
  return h(
    'ol',
    { class: 'sources', testid: 'evidence-sources' },
    sources.map((source) =>
      h(
        'li',
        { class: 'source', testid: 'source' },
        h(
          'div',
          { class: 'source-title' },
          // Only a URL that passes the URL policy becomes a link; one stored before the policy stays readable as text.
          isAllowedUrl(source.url)
            ? h('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer', testid: 'source-link' }, source.title)
            : source.title,
        ),
        source.url && !isAllowedUrl(source.url)
          ? h(
              'div',
              { class: 'source-meta', testid: 'source-unlinked-url' },
              `Not linked (not a safe http or https address): ${source.url}`,
            )
          : null,
        h(
          'div',
          { class: 'source-meta' },
          [source.publisher, publishedText(source, false)].filter(Boolean).join(' · ') || 'Publisher and date unknown',
          markingBadges(source.markings ?? []),
        ),
        source.publishedInferred || source.publishedNote
          ? h(
              'div',
              { class: 'small muted', testid: 'source-date-note' },
              source.publishedInferred ? 'Publication date inferred' : 'Publication date',
              source.publishedNote ? `: ${source.publishedNote}` : ' (the source states none)',
            )
          : null,
        sourceWeight(source),
        source.excerpt ? h('blockquote', { class: 'source-excerpt', testid: 'source-excerpt' }, source.excerpt) : null,
      ),
    ),
  );
}

/**
 * What weighs a source: its Admiralty reliability (of the source) and the credibility of this citation (of the
 * information), its origin (whose reporting it is), and what it retells. Grades are shown as letters and numbers
 * with their words, as analysts write them ("B2").
 */
function sourceWeight(source: SourceFieldsFragment): HTMLElement {
  const credibility = source.credibility ?? 6;
  return h(
    'div',
    { class: 'source-weight', testid: 'source-weight' },
    h(
      'span',
      {
        class: `grade grade-${source.reliability}`,
        testid: 'source-grade',
        title: `Source: ${reliabilityDefinitions[source.reliability].label}. This information: ${credibilityLabels[credibility]}.`,
      },
      `${source.reliability}${credibility}`,
    ),
    h(
      'span',
      { class: 'small' },
      ` ${reliabilityDefinitions[source.reliability].label.toLowerCase()}; ${credibilityLabels[credibility].toLowerCase()}`,
    ),
    h('div', { class: 'small muted', testid: 'source-origin' }, `Origin: ${source.origin}`),
    source.derivedFrom.length > 0
      ? h(
          'div',
          { class: 'small muted', testid: 'source-derived-from' },
          'Retells: ',
          source.derivedFrom.map((other) => `${other.title} (${other.origin})`).join('; '),
        )
      : null,
  );
}

export type FieldValue = string | number | null | undefined | HTMLElement | HTMLElement[];

/** A definition list that skips empty values, so each kind shows only what it has. */
export function fieldList(fields: [string, FieldValue][]): HTMLElement | null {
  const present = fields.filter(
    ([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  if (present.length === 0) return null;
  return h(
    'dl',
    { class: 'fields' },
    present.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, Array.isArray(value) ? value : (value as HTMLElement | string))]),
  );
}

/** Imported custom properties arrive as a JSON object string; show them as fields. */
export function extraFields(extra: string | null | undefined): HTMLElement | null {
  if (!extra) return null;
  try {
    const parsed = JSON.parse(extra) as Record<string, unknown>;
    return fieldList(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  } catch {
    return h('pre', { class: 'extra' }, extra);
  }
}

export function section(title: string, ...content: (HTMLElement | null)[]): HTMLElement | null {
  const body = content.filter((c): c is HTMLElement => c !== null);
  return body.length === 0 ? null : h('section', { class: 'evidence-section' }, h('h3', {}, title), body);
}
