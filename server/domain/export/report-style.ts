import { tlpColours } from '../../../shared/markings.js';
import { stanceDefinitions } from '../../../shared/vocabulary.js';

/**
 * The report page's only stylesheet, inlined so the file is self-contained. Screen: a readable column;
 * print: A4 pages, no links underlined, figures and table rows kept whole, table headers repeated.
 */
export const reportCss = `
:root { --ink: #1F2430; --muted: #5B6475; --rule: #D5D9E0; --accent: #0072B2; --denied: ${stanceDefinitions.DENIED.color}; --paper: #fff; }
* { box-sizing: border-box; }
html { background: #EEF0F4; }
body { margin: 0 auto; max-width: 960px; padding: 40px 56px 56px; background: var(--paper); color: var(--ink);
  font: 15px/1.55 "Helvetica Neue", Helvetica, Arial, sans-serif; }
header { border-bottom: 3px solid var(--ink); padding-bottom: 14px; margin-bottom: 20px; }
.eyebrow { text-transform: uppercase; letter-spacing: .12em; font-size: 11px; color: var(--muted); margin: 0 0 6px; }
h1 { font-size: 28px; line-height: 1.2; margin: 0 0 8px; }
h2 { font-size: 19px; margin: 30px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); break-after: avoid; }
h3 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; break-after: avoid; }
.scope { margin: 0; color: var(--muted); }
.summary { font-size: 16px; margin: 12px 0 0; }
.warning { border-left: 4px solid #E69F00; background: #FFF6E0; padding: 8px 12px; }
.marking { display: inline-block; margin-left: 6px; padding: 0 5px; border: 1px solid var(--muted); border-radius: 3px; font-size: 10.5px; color: var(--muted); }
.marking.tlp { background: #000; border-color: #000; font-weight: 700; letter-spacing: .04em; }
${Object.entries(tlpColours)
  .map(([level, colour]) => `.marking.tlp-${level} { color: ${colour}; }`)
  .join('\n')}
.tlp-banner { margin: 0 0 8px; }
figure { margin: 18px 0 8px; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-height: 900px; border: 1px solid var(--rule); }
figcaption { font-size: 12px; color: var(--muted); margin-top: 6px; }
ul.sentences { list-style: none; padding: 0; margin: 0; }
ul.sentences > li { margin: 0 0 7px; padding-left: 14px; border-left: 3px solid var(--rule); break-inside: avoid; }
ul.sentences > li.stance-SUSPECTED { border-left-style: dashed; }
ul.sentences > li.stance-CLAIMED { border-left-style: dotted; }
ul.sentences > li.stance-DENIED { border-left-color: var(--denied); }
.stance { display: inline-block; font-size: 10.5px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
  border: 1px solid var(--rule); border-radius: 3px; padding: 0 5px; margin-left: 6px; vertical-align: 1px; }
.stance-DENIED .stance { color: var(--denied); border-color: var(--denied); }
a.entity { color: inherit; text-decoration: none; border-bottom: 1px dotted var(--muted); }
a.note { color: var(--accent); text-decoration: none; font-size: .8em; vertical-align: super; line-height: 0; margin-left: 1px; }
.dispute { color: var(--denied); margin: 3px 0 0; font-size: 14px; }
.dispute q { color: var(--ink); font-style: italic; }
.description { color: var(--muted); font-size: 13.5px; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
thead { display: table-header-group; }
th { text-align: left; font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); border-bottom: 2px solid var(--ink); padding: 6px 8px; }
td { vertical-align: top; border-bottom: 1px solid var(--rule); padding: 6px 8px; }
tr { break-inside: avoid; }
td.kind { white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td .aliases { display: block; color: var(--muted); font-size: 12px; }
.swatch { display: inline-block; vertical-align: -2px; margin-right: 5px; }
ol.sources { padding-left: 2.2em; font-size: 13px; }
ol.sources li { margin: 0 0 6px; break-inside: avoid; }
ol.sources li:target { background: #FFF6C8; }
ol.sources .excerpt { font-style: italic; }
ol.sources a { color: var(--accent); word-break: break-all; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 12px; color: var(--muted); }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  html { background: none; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 20pt; }
  h2 { font-size: 13.5pt; }
  a.entity { border-bottom: none; }
  figure svg { max-height: 235mm; border: none; }
  ol.sources, table { font-size: 8.5pt; }
}
`;
