import type { NodeShape } from './vocabulary.js';

type Polygon = [number, number][];

/** A regular polygon on the unit circle, first corner straight up, turned by `turn` of a side. */
function regular(sides: number, turn = 0): Polygon {
  return Array.from({ length: sides }, (_unused, index) => {
    const angle = ((index + turn) / sides) * 2 * Math.PI - Math.PI / 2;
    return [Math.cos(angle), Math.sin(angle)] as [number, number];
  });
}

function star(points: number, inner: number): Polygon {
  return Array.from({ length: points * 2 }, (_unused, index) => {
    const radius = index % 2 === 0 ? 1 : inner;
    const angle = (index / (points * 2)) * 2 * Math.PI - Math.PI / 2;
    return [Math.cos(angle) * radius, Math.sin(angle) * radius] as [number, number];
  });
}

// Unit outlines (x and y in -1..1) after Cytoscape's own node shapes, so the report draws what the canvas draws.
const polygons: Partial<Record<NodeShape, Polygon>> = {
  diamond: [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  hexagon: regular(6, 0.5),
  rectangle: [
    [-1, -1],
    [1, -1],
    [1, 1],
    [-1, 1],
  ],
  tag: [
    [-1, -1],
    [0.45, -1],
    [1, 0],
    [0.45, 1],
    [-1, 1],
  ],
  star: star(5, 0.45),
  'concave-hexagon': [
    [-1, -0.95],
    [1, -0.95],
    [0.7, 0],
    [1, 0.95],
    [-1, 0.95],
    [-0.7, 0],
  ],
  triangle: [
    [0, -1],
    [1, 0.8],
    [-1, 0.8],
  ],
  vee: [
    [-1, -1],
    [0, -0.35],
    [1, -1],
    [0, 1],
  ],
  pentagon: regular(5),
  'cut-rectangle': [
    [-0.65, -1],
    [0.65, -1],
    [1, -0.65],
    [1, 0.65],
    [0.65, 1],
    [-0.65, 1],
    [-1, 0.65],
    [-1, -0.65],
  ],
  rhomboid: [
    [-0.55, -0.8],
    [1, -0.8],
    [0.55, 0.8],
    [-1, 0.8],
  ],
  octagon: regular(8, 0.5),
};

const round = (value: number) => Math.round(value * 10) / 10;

/** SVG markup for a node shape of `size` pixels centred on (x, y); `attributes` carry fill and stroke. */
export function shapeMarkup(shape: NodeShape, x: number, y: number, size: number, attributes: string): string {
  const r = size / 2;
  switch (shape) {
    case 'ellipse':
      return `<circle cx="${round(x)}" cy="${round(y)}" r="${round(r)}" ${attributes}/>`;
    case 'round-rectangle':
      return `<rect x="${round(x - r)}" y="${round(y - r * 0.8)}" width="${round(size)}" height="${round(size * 0.8)}" rx="${round(r * 0.35)}" ${attributes}/>`;
    case 'barrel':
      return `<path d="M${round(x - r)},${round(y - r * 0.75)} Q${round(x)},${round(y - r * 1.05)} ${round(x + r)},${round(y - r * 0.75)} L${round(x + r)},${round(y + r * 0.75)} Q${round(x)},${round(y + r * 1.05)} ${round(x - r)},${round(y + r * 0.75)} Z" ${attributes}/>`;
    default: {
      const points = (polygons[shape] ?? polygons.rectangle!).map(([px, py]) => `${round(x + px * r)},${round(y + py * r)}`).join(' ');
      return `<polygon points="${points}" ${attributes}/>`;
    }
  }
}
