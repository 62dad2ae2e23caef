/**
 * Label level of detail, as plain rules: which nodes keep their names when the view is too big to label
 * everything (the most connected first), and when zooming in labels the nodes in view.
 */

/** How many nodes of a view keep a label at any zoom: about 4%, at least 12, at most 150. */
export function priorityCount(nodeCount: number): number {
  return Math.min(nodeCount, Math.max(12, Math.min(150, Math.round(nodeCount * 0.04))));
}

/** The ids of the `count` best-connected nodes; ties go to the smaller id, so the choice is stable. */
export function mostConnected(nodes: readonly { id: string; degree: number }[], count: number): Set<string> {
  const ranked = [...nodes].sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Set(ranked.slice(0, count).map((node) => node.id));
}

/** Zoomed in this far, a large view labels the nodes in view (at most `maxInView` of them). */
export const inViewLabels = { minZoom: 0.55, maxInView: 400 } as const;
