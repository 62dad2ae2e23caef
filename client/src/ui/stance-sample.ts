/**
 * A short line drawn the way the canvas draws a stance (dash pattern grown to the width, round dots, hollow or
 * filled arrowhead, colour), for the legend and the evidence panel: what the legend shows is what the graph draws.
 */
import { stanceDefinitions, stanceStroke, type StanceName } from '../../../shared/vocabulary';

export function stanceSample(stance: StanceName, width = 3, length = 34): SVGSVGElement {
  const definition = stanceDefinitions[stance];
  const stroke = stanceStroke(stance, width);
  const height = 12;
  const y = height / 2;
  const end = length - 7;
  const head =
    definition.arrow === 'tee'
      ? `<path d="M${end + 1},${y - 5} v10" stroke="${definition.color}" stroke-width="2.2"/>`
      : `<path d="M${end - 1},${y - 4} L${end + 6},${y} L${end - 1},${y + 4} Z" fill="${definition.arrowFill === 'hollow' ? 'none' : definition.color}" stroke="${definition.color}" stroke-width="1.2"/>`;
  const template = document.createElement('template');
  template.innerHTML =
    `<svg class="stance-sample" width="${length}" height="${height}" viewBox="0 0 ${length} ${height}" aria-hidden="true">` +
    `<line x1="1" y1="${y}" x2="${end - 1}" y2="${y}" stroke="${definition.color}" stroke-width="${width}" stroke-linecap="${stroke.cap}"` +
    `${stroke.dash ? ` stroke-dasharray="${stroke.dash.join(' ')}"` : ''}/>${head}</svg>`;
  return template.content.firstElementChild as SVGSVGElement;
}
