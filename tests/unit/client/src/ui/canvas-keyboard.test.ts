import { describe, expect, it } from 'vitest';
import { nextInDirection } from '../../../../../client/src/ui/canvas-keyboard';

const around = [
  { id: 'east', x: 100, y: 10 },
  { id: 'far-east', x: 300, y: 0 },
  { id: 'north', x: 0, y: -80 },
  { id: 'south-east', x: 60, y: 70 },
];

describe('keyboard moves on the canvas', () => {
  it('goes to the node lying most in the arrow direction, nearest first', () => {
    expect(nextInDirection({ x: 0, y: 0 }, around, { x: 1, y: 0 })).toBe('east');
    expect(nextInDirection({ x: 0, y: 0 }, around, { x: 0, y: -1 })).toBe('north');
    expect(nextInDirection({ x: 0, y: 0 }, around, { x: 0, y: 1 })).toBe('south-east');
  });

  it('finds nothing where nothing lies within 60 degrees', () => {
    expect(nextInDirection({ x: 0, y: 0 }, around, { x: -1, y: 0 })).toBeNull();
    expect(nextInDirection({ x: 0, y: 0 }, [{ id: 'self', x: 0, y: 0 }], { x: 1, y: 0 })).toBeNull();
  });
});
