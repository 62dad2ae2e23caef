/**
 * The two themes, shared by the canvas (client/src/graph/style.ts) and every picture made of it, in the browser
 * and on the server (shared/picture-frame.ts, server/domain/export/render-svg.ts): dark for the canvas (long
 * sessions, low glare), light for pictures that go into reports, the default for exports.
 */
import { defaultLinkColor, palette } from './vocabulary.js';

export type ThemeName = 'dark' | 'light';

export interface Theme {
  background: string;
  text: string;
  /** Secondary text: dates, source lines, legend notes. */
  muted: string;
  /** Thin separators. */
  rule: string;
  /** Outline drawn around labels so they stay legible over lines. */
  textOutline: string;
  nodeBorder: string;
  /** Links with no stance colour of their own (grey on dark, a darker grey on paper). */
  link: string;
  highlight: string;
  selection: string;
  groupFill: string;
}

export const themes: Record<ThemeName, Theme> = {
  dark: {
    background: '#0E1320',
    text: '#E4E8F0',
    muted: '#9AA4B6',
    rule: '#2A3348',
    textOutline: '#0E1320',
    nodeBorder: '#0B0F19',
    link: defaultLinkColor,
    highlight: palette.yellow,
    selection: '#FFFFFF',
    groupFill: '#26324A',
  },
  light: {
    background: '#FFFFFF',
    text: '#1F2430',
    muted: '#5B6475',
    rule: '#D5D9E0',
    textOutline: '#FFFFFF',
    nodeBorder: '#1F2430',
    link: '#5B6475',
    highlight: '#B8860B',
    selection: '#000000',
    groupFill: '#E8ECF3',
  },
};

export const isThemeName = (value: unknown): value is ThemeName => value === 'dark' || value === 'light';

/** A stance's line colour in a theme: the grey stances take the theme's link grey, the others keep their colour. */
export function stanceColour(color: string, theme: Theme): string {
  return color === defaultLinkColor ? theme.link : color;
}
