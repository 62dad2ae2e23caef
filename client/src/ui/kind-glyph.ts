/**
 * Small SVG glyphs that repeat the canvas's shape and colour for a kind, so search results, the
 * legend and the evidence panel speak the same visual language as the graph.
 */
import { isEntityKind, kindDefinitions, type NodeShape } from '../../../shared/vocabulary';

const star = Array.from({ length: 10 }, (_, i) => {
  const r = i % 2 === 0 ? 1 : 0.45;
  const a = (Math.PI / 5) * i - Math.PI / 2;
  return `${(r * Math.cos(a)).toFixed(2)},${(r * Math.sin(a)).toFixed(2)}`;
}).join(' ');

const regular = (sides: number, rotation: number) =>
  Array.from({ length: sides }, (_, i) => {
    const a = ((2 * Math.PI) / sides) * i + rotation;
    return `${Math.cos(a).toFixed(2)},${Math.sin(a).toFixed(2)}`;
  }).join(' ');

const polygons: Partial<Record<NodeShape, string>> = {
  diamond: '0,-1 1,0 0,1 -1,0',
  hexagon: regular(6, 0),
  tag: '-1,-0.8 0.4,-0.8 1,0 0.4,0.8 -1,0.8',
  star,
  'concave-hexagon': '-1,-0.8 1,-0.8 0.7,0 1,0.8 -1,0.8 -0.7,0',
  triangle: '0,-1 1,0.9 -1,0.9',
  vee: '-1,-0.9 0,-0.3 1,-0.9 0,1',
  pentagon: regular(5, -Math.PI / 2),
  'cut-rectangle': '-0.7,-0.8 0.7,-0.8 1,-0.5 1,0.5 0.7,0.8 -0.7,0.8 -1,0.5 -1,-0.5',
  rhomboid: '-0.5,-0.75 1,-0.75 0.5,0.75 -1,0.75',
  octagon: regular(8, Math.PI / 8),
};

function shapeMarkup(shape: NodeShape, color: string): string {
  const paint = `fill="${color}" stroke="#0B0F19" stroke-width="0.12"`;
  if (shape === 'ellipse') return `<circle r="0.95" ${paint}/>`;
  if (shape === 'rectangle') return `<rect x="-1" y="-0.8" width="2" height="1.6" ${paint}/>`;
  if (shape === 'round-rectangle') return `<rect x="-1" y="-0.8" width="2" height="1.6" rx="0.35" ${paint}/>`;
  if (shape === 'barrel') return `<rect x="-1" y="-0.8" width="2" height="1.6" rx="0.6" ry="0.3" ${paint}/>`;
  return `<polygon points="${polygons[shape] ?? polygons.diamond}" ${paint}/>`;
}

export function kindGlyph(kind: string, size = 14): SVGSVGElement {
  const visual = isEntityKind(kind) ? kindDefinitions[kind] : { shape: 'ellipse' as const, color: '#888' };
  const template = document.createElement('template');
  template.innerHTML = `<svg class="glyph" width="${size}" height="${size}" viewBox="-1.1 -1.1 2.2 2.2" aria-hidden="true">${shapeMarkup(visual.shape, visual.color)}</svg>`;
  return template.content.firstElementChild as SVGSVGElement;
}

export const kindLabel = (kind: string): string => (isEntityKind(kind) ? kindDefinitions[kind].label : kind);
