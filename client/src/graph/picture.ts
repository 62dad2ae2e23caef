/**
 * Pictures of the canvas for reports: the graph as Cytoscape draws it, in the light theme by default (the dark
 * canvas theme on request), in the shared frame (shared/picture-frame.ts: title, date, legend, source line, an SVG
 * viewBox). SVG is Cytoscape's drawing as vectors (cytoscape-svg); PNG is the same frame rasterised by the browser
 * around Cytoscape's bitmap, at `scale` pixels per unit.
 */
import type { Core } from 'cytoscape';
import { framePicture, type FramedPicture, type PictureGraph, type PictureOptions } from '../../../shared/picture-frame';
import { xmlSafeText } from '../../../shared/xml-text';
import { isGroupId } from './groups';
import { buildStylesheet } from './style';

/** The kinds and stances the picture shows, for its legend. */
function shown(cy: Core): Pick<PictureGraph, 'kinds' | 'stances'> {
  const visible = cy.elements().filter((ele) => ele.visible() && !isGroupId(ele.id()));
  return {
    kinds: [...new Set(visible.nodes().map((node) => node.data('kind') as string))],
    stances: [...new Set(visible.edges().map((edge) => edge.data('stance') as string))],
  };
}

/** Runs `draw` with the canvas styled in the picture's theme, then gives the canvas its own style back. */
function inTheme<T>(cy: Core, large: boolean, options: PictureOptions, draw: () => T): T {
  if (options.theme === 'dark') return draw();
  cy.style(buildStylesheet({ large, theme: options.theme }));
  try {
    return draw();
  } finally {
    cy.style(buildStylesheet({ large }));
  }
}

export function svgPicture(cy: Core, large: boolean, options: PictureOptions): FramedPicture {
  const box = cy.elements(':visible').boundingBox({});
  const drawing = inTheme(cy, large, options, () => cy.svg({ full: true, scale: 1 }));
  // cytoscape-svg gives a whole document; the frame wants the <svg> element alone. A character XML 1.0 forbids (NUL
  // in a name, say) would make the file unreadable.
  const markup = xmlSafeText(drawing.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!DOCTYPE[^>]*>\s*/, ''));
  return framePicture({ markup, width: Math.ceil(box.w), height: Math.ceil(box.h), ...shown(cy) }, options);
}

export interface PngPicture extends FramedPicture {
  dataUrl: string;
  /** Pixels per unit of the frame. */
  scale: number;
}

export async function pngPicture(cy: Core, large: boolean, options: PictureOptions, scale: number): Promise<PngPicture> {
  const box = cy.elements(':visible').boundingBox({});
  const bitmap = inTheme(cy, large, options, () => cy.png({ full: true, scale, output: 'base64uri' }));
  const width = Math.ceil(box.w);
  const height = Math.ceil(box.h);
  const framed = framePicture(
    { markup: `<image href="${bitmap}" width="${width}" height="${height}" preserveAspectRatio="none"/>`, width, height, ...shown(cy) },
    options,
  );
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(framed.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(framed.width * scale);
  canvas.height = Math.round(framed.height * scale);
  canvas.getContext('2d')!.drawImage(image, 0, 0, canvas.width, canvas.height);
  return { ...framed, dataUrl: canvas.toDataURL('image/png'), scale };
}
