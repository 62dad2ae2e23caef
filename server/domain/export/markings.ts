import { highestTlp, tlpMarking, type TlpLevel } from '../../../shared/markings.js';
import { allMarkingRefs } from '../stix/element-stix.js';
import type { StixBookkeeping } from '../types.js';
import type { ExportSubgraph } from './types.js';

/** A marking as readers see it: TLP:RED, the statement of a statement marking, or the definition's name or id. */
export function markingName(id: string, subgraph: Pick<ExportSubgraph, 'markings'>): string {
  const tlp = tlpMarking(id);
  if (tlp) return tlp.name;
  const definition = subgraph.markings.get(id);
  return definition?.statement ?? definition?.name ?? id;
}

/** An element's markings (of the whole object and of its parts) as names, each once. */
export function markingNames(element: StixBookkeeping, subgraph: Pick<ExportSubgraph, 'markings'>): string[] {
  return [...new Set(allMarkingRefs(element).map((id) => markingName(id, subgraph)))];
}

/** The most restricted TLP level of an element, counting markings on its parts. */
export function tlpOfElement(element: StixBookkeeping): TlpLevel | null {
  return highestTlp(allMarkingRefs(element));
}

/** The most restricted TLP level in the whole export, for the banner of a report. */
export function highestTlpOf(subgraph: ExportSubgraph): TlpLevel | null {
  return highestTlp([...subgraph.entities, ...subgraph.relationships].flatMap(allMarkingRefs));
}

/** "TLP:AMBER+STRICT" for a level (TLP 2.0's names). */
export function tlpLabel(level: TlpLevel): string {
  return `TLP:${level.replace('_', '+')}`;
}
