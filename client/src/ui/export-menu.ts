/**
 * The export menu: pictures of the canvas made here (PNG, SVG; light theme, title, date, legend and source line as
 * the picture settings say), and every data and report format
 * made by the server's export pipeline for the entities visible on the canvas, with the active
 * filters, so the file matches what the analyst sees.
 */
import { exportSubgraph, type ExportFormat } from '../api/queries';
import type { Explorer } from '../explorer';
import { h } from './dom';
import { menuButton, type MenuEntry } from './menu-button';
import { loadPictureSettings, openPictureSettings, pictureOptions } from './picture-settings';
import { reportError, toast } from './status';
import { copyViewLink } from './views-menu';

function download(filename: string, href: string): void {
  const a = h('a', { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
}

const blobUrl = (content: string, type: string) => URL.createObjectURL(new Blob([content], { type }));

const serverFormats: { format: ExportFormat; label: string }[] = [
  { format: 'HTML', label: 'Report (HTML, print-ready)' },
  { format: 'MARKDOWN', label: 'Report (Markdown)' },
  { format: 'STIX', label: 'STIX 2.1 bundle' },
  { format: 'GRAPHML', label: 'GraphML (Gephi, yEd)' },
  { format: 'CSV_ENTITIES', label: 'CSV: entities' },
  { format: 'CSV_RELATIONSHIPS', label: 'CSV: relationships' },
  { format: 'JSON', label: 'JSON (re-importable)' },
  { format: 'CYTOSCAPE_JSON', label: 'Cytoscape JSON' },
];

export function createExportMenu(explorer: Explorer, currentQuery: () => string): HTMLElement {
  async function fromServer(format: ExportFormat): Promise<void> {
    const ids = explorer.view.ids('node').filter((id) => explorer.view.cy.getElementById(id).visible());
    if (ids.length === 0) return toast('Nothing visible to export: put entities on the canvas first.');
    try {
      const file = await exportSubgraph(ids, format, explorer.serverFilter());
      download(file.filename, blobUrl(file.content, file.mimeType));
    } catch (error) {
      reportError(error, 'Export');
    }
  }

  const options = () => pictureOptions(loadPictureSettings(window.localStorage), explorer);
  async function png(filename: string, scale: number): Promise<void> {
    try {
      download(filename, (await explorer.view.pngPicture(options(), scale)).dataUrl);
    } catch (error) {
      reportError(error, 'Picture');
    }
  }

  const entries = (): MenuEntry[] => [
    { label: 'Image (PNG)', testid: 'export-png', run: () => void png('attribution-explorer.png', 2) },
    { label: 'Image for print (PNG, 4×)', testid: 'export-png-print', run: () => void png('attribution-explorer@4x.png', 4) },
    {
      label: 'Vector image (SVG)',
      testid: 'export-svg',
      run: () => download('attribution-explorer.svg', blobUrl(explorer.view.svgPicture(options()).svg, 'image/svg+xml')),
    },
    {
      label: 'Picture settings… (title, legend, theme)',
      testid: 'export-picture-settings',
      run: () => openPictureSettings(window.localStorage),
    },
    ...serverFormats.map(({ format, label }) => ({
      label,
      testid: `export-${format.toLowerCase().replace(/_/g, '-')}`,
      run: () => void fromServer(format),
    })),
    { label: 'Copy link to this view', testid: 'export-link', run: () => void copyViewLink(explorer, currentQuery) },
  ];
  return menuButton('Export', 'export-menu', 'Export the canvas: images, reports and data', entries);
}
