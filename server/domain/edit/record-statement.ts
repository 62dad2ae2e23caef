import { BadUserInputError, NotFoundError } from '../../errors.js';
import type { Graph, ReadTransaction } from '../../graph/run.js';
import { findEntity, findRelationship, findRelationshipIn } from '../find-entity.js';
import type { ImportDocument, ImportEntity, ImportRelationship } from '../import/document.js';
import { checkDate, checkRange } from '../relationship-filter.js';
import type { EntityRecord } from '../types.js';
import { citationsFromInput, relationshipToImport, slug, type CitationInput } from './citations.js';
import { writeEdit } from './user-errors.js';

export interface StatementInput {
  id?: string | null;
  kind: 'CLAIM' | 'DENIAL';
  relationshipId: string;
  author: string;
  name?: string | null;
  statement?: string | null;
  date?: string | null;
  /** How sure the sources are of the new MADE_BY and ABOUT links (the schema defaults it). */
  confidence: number;
  sources: CitationInput[];
}

/**
 * Records a claim or a denial about an existing relationship: a CLAIM or DENIAL entity made by its author and
 * about both ends of the link; a denial is also added to the link's disputedBy. One transaction for all of it.
 */
export async function recordStatement(graph: Graph, input: StatementInput, actor: string): Promise<EntityRecord> {
  if (input.sources.length === 0) throw new BadUserInputError('A claim or denial needs at least one source in input.sources.');
  if (input.date) checkDate(input.date, 'date');
  const confidence = checkRange(input.confidence, 'confidence', 0, 100);
  const target = await findRelationship(graph, input.relationshipId);
  if (!target) throw new NotFoundError(`No relationship with id "${input.relationshipId}".`);
  const author = await findEntity(graph, input.author);
  if (!author) throw new NotFoundError(`No entity with id "${input.author}".`);

  const verb = input.kind === 'DENIAL' ? 'denies' : 'claims';
  const name =
    input.name?.trim() ||
    `${author.name} ${verb} that ${target.from.name} ${target.type.toLowerCase().replace(/_/g, ' ')} ${target.to.name}`;
  const id =
    input.id?.trim() ||
    `${input.kind.toLowerCase()}-${slug(input.author).slice(0, 20)}-${slug(input.relationshipId).slice(0, 30)}-${Date.now().toString(36)}`;
  const { sources, citations } = citationsFromInput(input.sources, 'input');
  const statement: ImportEntity = {
    id,
    kind: input.kind,
    name,
    aliases: [],
    description: null,
    date: input.date ?? null,
    properties: input.statement ? { statement: input.statement } : {},
    sources: citations,
    extra: null,
  };
  const link = (type: 'MADE_BY' | 'ABOUT', to: string, suffix: string): ImportRelationship => ({
    id: `${id}-${suffix}`,
    type,
    from: id,
    to,
    stance: 'ASSERTED',
    confidence,
    since: input.date ?? null,
    until: null,
    description: null,
    sources: citations,
    disputedBy: [],
    extra: null,
  });
  const relationships = [
    link('MADE_BY', input.author, 'made-by'),
    link('ABOUT', target.from.id, 'about-from'),
    link('ABOUT', target.to.id, 'about-to'),
  ];
  // A denial rewrites the link with itself added to disputedBy: the link is read again where it is written, after
  // its ends are locked (edits of the link lock the same ends), so a citation or a denial committed in between
  // stays.
  const build = async (tx: ReadTransaction): Promise<ImportDocument> => {
    if (input.kind !== 'DENIAL') return { sources, entities: [statement], relationships };
    const current = await findRelationshipIn(tx, input.relationshipId);
    if (!current) throw new NotFoundError(`No relationship with id "${input.relationshipId}".`);
    const disputed = relationshipToImport(current);
    return {
      sources,
      entities: [statement],
      relationships: [...relationships, { ...disputed, disputedBy: [...new Set([...disputed.disputedBy, id])] }],
    };
  };
  await writeEdit(
    graph,
    build,
    { actor, perElement: true, reason: `${verb} ${input.relationshipId}` },
    // The entities its links end at: the author, and the link's ends (a denial rewrites the link too).
    [input.author, target.from.id, target.to.id],
  );
  return (await findEntity(graph, id))!;
}
