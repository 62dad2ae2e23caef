/**
 * A short line drawn the way the canvas draws a stance (dash pattern grown to the width, round dots, hollow or
 * filled arrowhead, colour), for the legend and the evidence panel: what the legend shows is what the graph draws.
 * The markup is the pictures' legend's (shared/picture-frame.ts).
 */
import { stanceSampleMarkup } from '../../../shared/picture-frame';
import { theme } from '../graph/style';
import type { StanceName } from '../../../shared/vocabulary';

export function stanceSample(stance: StanceName, width = 3, length = 34): SVGSVGElement {
  const height = 12;
  const template = document.createElement('template');
  template.innerHTML =
    `<svg class="stance-sample" width="${length}" height="${height}" viewBox="0 0 ${length} ${height}" aria-hidden="true">` +
    `${stanceSampleMarkup(stance, 0, height / 2, length, width, theme)}</svg>`;
  return template.content.firstElementChild as SVGSVGElement;
}
