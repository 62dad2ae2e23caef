import { urlProblem } from '../../../shared/url-policy.js';
import { shownValue, textProblem, type TextKind } from '../text-policy.js';
import type { ImportCitation, ImportDocument, ImportProblem } from './document.js';

type Field = [name: string, value: unknown, kind: TextKind];

const citationFields = (citations: ImportCitation[]): Field[] =>
  citations.flatMap((citation, index): Field[] => [
    [`sources[${index}].source`, citation.source, 'id'],
    [`sources[${index}].excerpt`, citation.excerpt, 'text'],
  ]);

/** Every string inside a STIX extra or other free-form value, keys included, with its path. */
function nestedFields(prefix: string, value: unknown): Field[] {
  if (typeof value === 'string') return [[prefix, value, 'text']];
  if (Array.isArray(value)) return value.flatMap((item, index) => nestedFields(`${prefix}[${index}]`, item));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]): Field[] => [
      [`${prefix} key`, key, 'text'],
      ...nestedFields(`${prefix}.${key}`, item),
    ]);
  }
  return [];
}

/**
 * The text policy (server/domain/text-policy.ts) and the URL policy (shared/url-policy.ts) applied to
 * everything a document would write, so that edits and every import format pass the same check before
 * any write. Each problem names the element and the field.
 */
export function textAndUrlProblems(document: ImportDocument): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const check = (what: string, id: string, fields: Field[]) => {
    const location = `${what} ${shownValue(id)}`;
    for (const [name, value, kind] of fields) {
      if (typeof value !== 'string') continue;
      const problem = textProblem(value, kind);
      if (problem) problems.push({ location, message: `${name} ${problem}` });
    }
  };
  for (const source of document.sources) {
    check('source', source.id, [
      ['id', source.id, 'id'],
      ['title', source.title, 'text'],
      ['publisher', source.publisher, 'text'],
      ['url', source.url, 'text'],
      ['published', source.published, 'text'],
      ['publishedNote', source.publishedNote ?? null, 'text'],
    ]);
    const badUrl = source.url === null ? null : urlProblem(source.url);
    if (badUrl) problems.push({ location: `source ${shownValue(source.id)}`, message: `url "${shownValue(source.url!)}" ${badUrl}` });
  }
  for (const entity of document.entities) {
    check('entity', entity.id, [
      ['id', entity.id, 'id'],
      ['name', entity.name, 'text'],
      ...entity.aliases.map((alias, index): Field => [`aliases[${index}]`, alias, 'text']),
      ['description', entity.description, 'text'],
      ['date', entity.date, 'text'],
      ...Object.entries(entity.properties).flatMap(([key, value]): Field[] => [[key, value, 'text']]),
      ...citationFields(entity.sources),
      ...nestedFields('extra', entity.extra),
    ]);
  }
  for (const relationship of document.relationships) {
    check('relationship', relationship.id, [
      ['id', relationship.id, 'id'],
      ['from', relationship.from, 'id'],
      ['to', relationship.to, 'id'],
      ['description', relationship.description, 'text'],
      ...relationship.disputedBy.map((id, index): Field => [`disputedBy[${index}]`, id, 'id']),
      ...citationFields(relationship.sources),
      ...nestedFields('extra', relationship.extra),
    ]);
  }
  for (const note of document.notes ?? []) {
    check('note', note.id, [
      ['id', note.id, 'id'],
      ['subject', note.subject, 'id'],
      ['text', note.text, 'text'],
      ['author', note.author, 'text'],
      ...citationFields(note.sources),
    ]);
  }
  return problems;
}
