/**
 * The minimap: for views too big to see at once, a thumbnail of every visible node (a dot in its kind's colour)
 * with the part in view framed. Clicking or dragging in it moves the view there. It appears on its own above
 * `minimapThreshold` nodes and can be closed.
 */
import type { Core } from 'cytoscape';
import { isEntityKind, kindDefinitions } from '../../../shared/vocabulary';
import type { GraphView } from '../graph/view';
import { h } from './dom';

export const minimapThreshold = 150;
const width = 200;
const height = 130;
const pad = 6;

export function mountMinimap(host: HTMLElement, view: GraphView): void {
  const canvas = h('canvas', { class: 'minimap-canvas', width: width * devicePixelRatio, height: height * devicePixelRatio });
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  let closed = false;
  const close = h(
    'button',
    {
      class: 'icon-button minimap-close',
      title: 'Close the map',
      'aria-label': 'Close the map',
      onclick: () => {
        closed = true;
        box.hidden = true;
      },
    },
    '×',
  );
  const box = h(
    'div',
    { class: 'minimap', testid: 'minimap', hidden: true, role: 'img', 'aria-label': 'Map of the whole view; click to move there' },
    canvas,
    close,
  );
  host.append(box);
  let frame = 0;
  let transform = { scale: 1, x: 0, y: 0 };

  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw(view.cy);
    });
  };

  function draw(cy: Core): void {
    const nodes = cy.nodes(':visible');
    box.hidden = closed || nodes.length < minimapThreshold;
    if (box.hidden) return;
    const bb = nodes.boundingBox({ includeLabels: false });
    const scale = Math.min((width - pad * 2) / Math.max(bb.w, 1), (height - pad * 2) / Math.max(bb.h, 1));
    transform = {
      scale,
      x: pad + (width - pad * 2 - bb.w * scale) / 2 - bb.x1 * scale,
      y: pad + (height - pad * 2 - bb.h * scale) / 2 - bb.y1 * scale,
    };
    const context = canvas.getContext('2d')!;
    context.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    context.clearRect(0, 0, width, height);
    nodes.forEach((node) => {
      const { x, y } = node.position();
      const kind = node.data('kind') as string;
      context.fillStyle = isEntityKind(kind) ? kindDefinitions[kind].color : '#8D98AC';
      context.fillRect(transform.x + x * scale - 1, transform.y + y * scale - 1, 2, 2);
    });
    const extent = cy.extent();
    context.strokeStyle = '#F0E442';
    context.lineWidth = 1.5;
    context.strokeRect(transform.x + extent.x1 * scale, transform.y + extent.y1 * scale, extent.w * scale, extent.h * scale);
  }

  const moveTo = (event: PointerEvent) => {
    const rect = canvas.getBoundingClientRect();
    const model = {
      x: (event.clientX - rect.left - transform.x) / transform.scale,
      y: (event.clientY - rect.top - transform.y) / transform.scale,
    };
    const cy = view.cy;
    cy.pan({ x: cy.width() / 2 - model.x * cy.zoom(), y: cy.height() / 2 - model.y * cy.zoom() });
  };
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    moveTo(event);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (canvas.hasPointerCapture(event.pointerId)) moveTo(event);
  });

  const listen = (cy: Core) => cy.on('viewport position', schedule);
  let bound: Core | null = null;
  view.on('changed', () => {
    // The core is rebuilt when WebGL is switched: listen to the new one.
    if (bound !== view.cy) {
      bound = view.cy;
      listen(bound);
    }
    schedule();
  });
}
