import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph } from '../../graph/run.js';
import { recordAuditEvents, snapshot } from '../audit.js';
import { checkDate } from '../relationship-filter.js';
import { isReliabilityGrade, reliabilityGrades, type ReliabilityGrade } from '../model.js';
import { sourceRow } from '../import/write-document.js';
import type { ImportSource } from '../import/document.js';
import { inferredDateProblem } from '../import/validate-document.js';
import type { SourceDocument } from '../types.js';
import { findSourcesByIds } from './find-sources.js';

/** A change to a source: fields left out keep their value; null clears an optional one. */
export interface SourceInput {
  id: string;
  title?: string | null;
  publisher?: string | null;
  url?: string | null;
  published?: string | null;
  publishedInferred?: boolean | null;
  publishedNote?: string | null;
  reliability?: ReliabilityGrade | null;
  origin?: string | null;
  derivedFrom?: string[] | null;
}

/**
 * Grades a source or corrects its description, in one write transaction with its audit event (subject type
 * SOURCE, before and after). derivedFrom must name other sources that exist.
 */
export async function updateSource(graph: Graph, input: SourceInput, actor: string, reason: string | null): Promise<SourceDocument> {
  const [current] = await findSourcesByIds(graph, [input.id]);
  if (!current) throw new NotFoundError(`No source with id "${input.id}".`);
  const pick = <K extends keyof SourceInput>(key: K, stored: SourceInput[K]) => (input[key] === undefined ? stored : input[key]);
  const title = pick('title', current.title);
  if (!title?.trim()) throw new BadUserInputError('title must not be empty.');
  const url = pick('url', current.url) ?? null;
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw new BadUserInputError('url must be an http(s) URL.');
  const published = pick('published', current.published) ?? null;
  if (published) checkDate(published, 'published');
  const publishedInferred = pick('publishedInferred', current.publishedInferred) ?? false;
  const publishedNote = pick('publishedNote', current.publishedNote)?.trim() || null;
  const dateProblem = inferredDateProblem({ published, publishedInferred });
  if (dateProblem) throw new BadUserInputError(`The source ${dateProblem}.`);
  const reliability = pick('reliability', current.reliability) ?? null;
  if (reliability && !isReliabilityGrade(reliability))
    throw new BadUserInputError(`reliability must be one of ${reliabilityGrades.join(', ')}.`);
  const derivedFrom = [...new Set(pick('derivedFrom', current.derivedFrom) ?? [])];
  if (derivedFrom.includes(input.id)) throw new BadUserInputError('A source cannot be derived from itself.');
  const known = new Set((await findSourcesByIds(graph, derivedFrom)).map((source) => source.id));
  const unknown = derivedFrom.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new BadUserInputError(`derivedFrom names unknown source ${unknown.map((id) => `"${id}"`).join(', ')}.`);
  const origin = pick('origin', current.origin)?.trim() || null;
  const updated: ImportSource = {
    id: input.id,
    title: title.trim(),
    publisher: pick('publisher', current.publisher) ?? null,
    url,
    published,
    publishedInferred,
    publishedNote,
    reliability,
    origin,
    derivedFrom,
  };
  await graph.writeTransaction(async (tx) => {
    await tx.run('import/upsert-sources', { sources: [sourceRow(updated)] });
    await recordAuditEvents(tx, [
      {
        actor,
        action: 'UPDATE',
        subjectId: input.id,
        subjectType: 'SOURCE',
        reason: reason?.trim() || null,
        before: snapshot(current),
        after: snapshot(updated),
      },
    ]);
  });
  return { ...updated, reliability, origin, derivedFrom, publishedInferred, publishedNote };
}
