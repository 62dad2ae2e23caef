/**
 * The evidence behind the selected entity or link: kind-specific fields, stance and confidence,
 * every source with its excerpt, and the claims and denials that bear on it. An incident shows its
 * competing attribution hypotheses side by side, strongest first, each with what disputes it.
 */
import {
  fetchEntityEvidence,
  fetchEntityHistory,
  fetchRelationshipEvidence,
  type EntityDetail,
  type RelationshipDetail,
} from '../api/queries';
import { relationshipLabel } from '../../../shared/vocabulary';
import type { EntityEvidenceQuery, HypothesisFieldsFragment } from '../gql/graphql';
import type { Explorer, Selection } from '../explorer';
import { isGroupId } from '../graph/groups';
import { h } from './dom';
import {
  confidenceMeter,
  entityLink,
  extraFields,
  fieldList,
  markingBadges,
  retiredBadge,
  noteList,
  section,
  sourceList,
  stanceBadge,
  type FieldValue,
  type OpenEntity,
} from './evidence-parts';
import { kindGlyph, kindLabel } from './kind-glyph';
import { mergeHistorySection } from './merge-history';

export interface EvidenceActions {
  open: OpenEntity;
  expand: (id: string) => void;
  pathFrom: (entity: { id: string; name: string; kind: string }) => void;
  /** Opens the incident's Analysis of Competing Hypotheses. */
  analyse: (incident: { id: string; name: string }) => void;
}

export function createEvidencePanel(explorer: Explorer, actions: EvidenceActions): HTMLElement {
  const panel = h('div', { class: 'evidence', testid: 'evidence-panel', 'aria-live': 'polite' });
  let sequence = 0;
  const placeholder = () =>
    panel.replaceChildren(
      h(
        'div',
        { class: 'panel-empty' },
        h('p', {}, 'Select a node or a link to read its evidence.'),
        h('p', { class: 'muted' }, 'Every fact carries its sources: excerpts, publishers, dates and links.'),
      ),
    );
  placeholder();

  explorer.on('selection', (selection) => void show(selection));

  async function show(selection: Selection | null): Promise<void> {
    const mine = (sequence += 1);
    if (!selection) return placeholder();
    panel.replaceChildren(h('p', { class: 'muted loading-text' }, 'Loading evidence…'));
    try {
      const content = isGroupId(selection.id)
        ? groupView(selection.id)
        : selection.group === 'nodes'
          ? await entityView(selection.id)
          : await relationshipView(selection.id);
      if (mine === sequence) panel.replaceChildren(...content.filter((c): c is HTMLElement => c !== null));
    } catch (error) {
      if (mine === sequence)
        panel.replaceChildren(
          h('p', { class: 'error-text', testid: 'evidence-error' }, error instanceof Error ? error.message : String(error)),
        );
    }
  }

  /** A group node is not an entity of the graph: it says what it stands for and how to open it. */
  function groupView(id: string): (HTMLElement | null)[] {
    const node = explorer.view.cy.getElementById(id);
    if (node.empty() || !node.isNode()) return [h('p', { class: 'muted' }, 'A link of a group: it stands for the links of its members.')];
    return [
      h(
        'header',
        { class: 'evidence-header' },
        h('div', { class: 'evidence-kind' }, 'Group'),
        h('h2', { testid: 'evidence-title' }, node.data('label') as string),
        h(
          'div',
          { class: 'evidence-actions' },
          h(
            'button',
            { class: 'primary', testid: 'evidence-group-open', onclick: () => actions.expand(id) },
            node.data('source') === 'manual' ? 'Open the group' : 'Add the next page',
          ),
        ),
      ),
      h('p', { class: 'description' }, node.data('hint') as string),
    ];
  }

  async function entityView(id: string): Promise<(HTMLElement | null)[]> {
    // The merge history is secondary: a failure to read it never hides the evidence.
    const [result, history] = await Promise.all([fetchEntityEvidence(id), fetchEntityHistory(id).catch(() => [])]);
    const entity = result.entity;
    if (!entity) return [h('p', { class: 'error-text' }, 'This entity no longer exists on the server.')];
    return [
      h(
        'header',
        { class: 'evidence-header' },
        h(
          'div',
          { class: 'evidence-kind' },
          kindGlyph(entity.kind, 16),
          kindLabel(entity.kind),
          entity.date ? h('span', { class: 'muted' }, ` · ${entity.date}`) : null,
        ),
        h('h2', { testid: 'evidence-title' }, entity.name),
        entity.aliases.length > 0 ? h('p', { class: 'aliases' }, `Also known as ${entity.aliases.join(', ')}`) : null,
        badgeRow(retiredBadge(entity), markingBadges(entity.markings)),
        entity.replacedBy
          ? h('p', { class: 'replaced-by', testid: 'evidence-replaced-by' }, 'Replaced by ', entityLink(entity.replacedBy, actions.open))
          : null,
        h(
          'div',
          { class: 'evidence-actions' },
          h('button', { onclick: () => actions.expand(entity.id), testid: 'evidence-expand' }, 'Expand…'),
          h('button', { onclick: () => actions.pathFrom(entity), testid: 'evidence-path-from' }, 'Paths from here'),
          entity.__typename === 'Incident'
            ? h('button', { onclick: () => actions.analyse(entity), testid: 'evidence-analyse' }, 'Analyse hypotheses')
            : null,
        ),
      ),
      entity.description ? h('p', { class: 'description' }, entity.description) : null,
      section(
        'Details',
        fieldList([
          ...kindFields(entity, actions.open),
          ['Catalogue ids', entity.externalIds.join(', ')],
          ['STIX type', entity.kind === 'STIX_OBJECT' ? entity.stix.type : null],
        ]),
      ),
      entity.__typename === 'Incident' ? hypotheses(entity.attributionHypotheses, actions.open) : null,
      section('Claims and denials', statements(id, result.neighbourhood, actions.open)),
      section(`Sources (${entity.sources.length})`, sourceList(entity.sources)),
      section(`Analysts’ notes (${entity.notes.length})`, noteList(entity.notes)),
      mergeHistorySection(explorer, entity, history),
      section('Imported properties', extraFields(entity.extra)),
    ];
  }

  async function relationshipView(id: string): Promise<(HTMLElement | null)[]> {
    const rel = await fetchRelationshipEvidence(id);
    if (!rel) return [h('p', { class: 'error-text' }, 'This link no longer exists on the server.')];
    return [
      h(
        'header',
        { class: 'evidence-header' },
        h('div', { class: 'evidence-kind' }, 'Link'),
        h(
          'h2',
          { class: 'link-title', testid: 'evidence-title' },
          entityLink(rel.from, actions.open),
          h('span', { class: 'link-type' }, relationshipLabel(rel.type)),
          entityLink(rel.to, actions.open),
        ),
        h(
          'div',
          { class: 'badges' },
          stanceBadge(rel.stance),
          confidenceMeter(rel.confidence),
          retiredBadge(rel),
          markingBadges(rel.markings),
        ),
      ),
      rel.description ? h('p', { class: 'description' }, rel.description) : null,
      section(
        'Validity',
        fieldList([
          ['Since', rel.since],
          ['Until', rel.until],
        ]),
      ),
      section('Disputed by', disputes(rel.disputedBy, actions.open)),
      section(`Sources (${rel.sources.length})`, sourceList(rel.sources)),
      section(`Analysts’ notes (${rel.notes.length})`, noteList(rel.notes)),
    ];
  }

  return panel;
}

/** The header's badges (retired, markings), or nothing when there are none. */
function badgeRow(...badges: (HTMLElement | null)[]): HTMLElement | null {
  return badges.some(Boolean) ? h('div', { class: 'badges', testid: 'evidence-badges' }, badges) : null;
}

function kindFields(entity: EntityDetail, open: OpenEntity): [string, FieldValue][] {
  const links = (list: readonly { id: string; name: string; kind: string }[]) => list.map((e) => entityLink(e, open));
  const link = (e: { id: string; name: string; kind: string } | null | undefined) => (e ? entityLink(e, open) : null);
  switch (entity.__typename) {
    case 'ThreatActor':
      return [['First seen', entity.firstSeen]];
    case 'State':
      return [['ISO code', entity.isoCode]];
    case 'Organization':
      return [['Sector', entity.sector]];
    case 'Person':
      return [['Role', entity.role]];
    case 'Location':
      return [['Country', entity.countryCode]];
    case 'Campaign':
      return [
        ['First seen', entity.firstSeen],
        ['Last seen', entity.lastSeen],
      ];
    case 'Incident':
      return [
        ['Aim', entity.aim],
        ['Outcome', entity.outcome],
      ];
    case 'Claim':
    case 'Denial':
      return [
        ['Statement', entity.statement ? `“${entity.statement}”` : null],
        ['Made by', link(entity.author)],
        ['About', links(entity.subjects)],
      ];
    case 'Sanction':
      return [
        ['Programme', entity.program],
        ['Imposed by', link(entity.authority)],
        ['Targets', links(entity.targets)],
      ];
    case 'DiplomaticAction':
      return [
        ['Action', entity.action],
        ['By', link(entity.actor)],
        ['Aimed at', links(entity.targets)],
      ];
    case 'IntrusionSet':
    case 'Infrastructure':
      return [
        ['First seen', entity.firstSeen],
        ['Last seen', entity.lastSeen],
      ];
    case 'AttackPattern':
      return [['Kill chain phases', entity.killChainPhases]];
    case 'Indicator':
      return [
        ['Pattern', entity.pattern],
        ['Pattern language', entity.patternType],
        ['Valid from', entity.validFrom],
        ['Valid until', entity.validUntil],
      ];
    case 'ObservedData':
      return [
        ['First observed', entity.firstObserved],
        ['Last observed', entity.lastObserved],
        ['Times observed', entity.numberObserved],
      ];
    case 'Grouping':
      return [['Context', entity.context]];
    case 'MalwareAnalysis':
      return [
        ['Product', entity.product],
        ['Result', entity.result],
      ];
    default:
      return [];
  }
}

function hypotheses(list: readonly HypothesisFieldsFragment[], open: OpenEntity): HTMLElement {
  if (list.length === 0)
    return section('Who did it?', h('p', { class: 'muted' }, 'No attribution, claim or denial recorded yet.')) as HTMLElement;
  return section(
    'Who did it? Competing hypotheses',
    h(
      'div',
      { class: 'hypotheses', testid: 'attribution-hypotheses' },
      list.map((hypothesis) =>
        h(
          'article',
          { class: `hypothesis stance-${hypothesis.stance}`, testid: 'hypothesis' },
          h('div', { class: 'hypothesis-actor' }, entityLink(hypothesis.actor, open)),
          h('div', { class: 'badges' }, stanceBadge(hypothesis.stance), confidenceMeter(hypothesis.confidence)),
          hypothesis.relationship.description ? h('p', { class: 'small' }, hypothesis.relationship.description) : null,
          hypothesis.relationship.sources[0]?.excerpt
            ? h('blockquote', { class: 'source-excerpt small' }, hypothesis.relationship.sources[0].excerpt)
            : null,
          h(
            'div',
            { class: 'small muted' },
            `${hypothesis.relationship.sources.length} source${hypothesis.relationship.sources.length === 1 ? '' : 's'}`,
          ),
          hypothesis.disputedBy.length > 0
            ? h(
                'div',
                { class: 'disputed' },
                'Disputed by ',
                hypothesis.disputedBy.map((d) => entityLink(d, open)),
              )
            : null,
        ),
      ),
    ),
  ) as HTMLElement;
}

function statements(id: string, around: EntityEvidenceQuery['neighbourhood'], open: OpenEntity): HTMLElement | null {
  const related = around.entities.filter((e) => e.id !== id && (e.kind === 'CLAIM' || e.kind === 'DENIAL'));
  const stanceLinks = around.relationships.filter(
    (r) => (r.stance === 'CLAIMED' || r.stance === 'DENIED') && (r.from.id === id || r.to.id === id),
  );
  if (related.length === 0 && stanceLinks.length === 0) return null;
  const names = new Map(around.entities.map((e) => [e.id, e]));
  return h(
    'ul',
    { class: 'statements', testid: 'evidence-statements' },
    related.map((e) =>
      h(
        'li',
        {},
        entityLink(e, open),
        e.date ? h('span', { class: 'muted' }, ` ${e.date}`) : null,
        e.description ? h('div', { class: 'small' }, e.description) : null,
      ),
    ),
    stanceLinks.map((r) => {
      // Read as a sentence in the link's own direction; this entity is named plainly, not linked.
      const end = (endId: string) => {
        const entity = names.get(endId);
        return endId === id || !entity ? h('strong', {}, entity?.name ?? endId) : entityLink(entity, open);
      };
      return h('li', {}, stanceBadge(r.stance), ' ', end(r.from.id), ` ${relationshipLabel(r.type)} `, end(r.to.id));
    }),
  );
}

function disputes(list: RelationshipDetail['disputedBy'], open: OpenEntity): HTMLElement | null {
  if (list.length === 0) return null;
  return h(
    'ul',
    { class: 'statements', testid: 'evidence-disputes' },
    list.map((d) =>
      h(
        'li',
        {},
        entityLink(d, open),
        d.date ? h('span', { class: 'muted' }, ` ${d.date}`) : null,
        d.description ? h('div', { class: 'small' }, d.description) : null,
        d.sources.length > 0 ? sourceList(d.sources) : null,
      ),
    ),
  );
}
