/**
 * SVG -> PNG on the server, for pictures from the API, the /export URL and the CLI: resvg (Rust, through
 * @resvg/resvg-js) draws the same SVG the SVG export gives, at twice its size, with the system's fonts.
 */
import { Resvg } from '@resvg/resvg-js';

/** Pixels per SVG unit: sharp enough for a report page. */
const scale = 2;

export function rasterize(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
