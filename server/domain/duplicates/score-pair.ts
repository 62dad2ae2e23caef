import type { EntityKindName } from '../model.js';
import { compareWords, datesNamed, editSimilarity, foldText, isPlaceholderName, nameVariants } from './normalise-names.js';

/** What the duplicate finder knows of an entity: its names, kind, dates, evidence and neighbours. */
export interface MatchFacts {
  id: string;
  kind: EntityKindName;
  name: string;
  aliases: string[];
  date: string | null;
  /** Sector (organisations), statement (claims, denials), firstSeen (actors, campaigns). */
  sector: string | null;
  statement: string | null;
  firstSeen: string | null;
  /** ATT&CK ids (G0059, S0001, ...) and CVE ids found in the names, custom properties and cited source titles. */
  externalIds: string[];
  /** The excerpts it cites. */
  excerpts: string[];
  /** Names of the entities it is linked to (a bounded sample). */
  neighbours: string[];
  /** Ids of the entities it is linked to directly: a link between two entities says they are two. */
  linked: string[];
  /** Ids of the entities a DUPLICATE_OF link (STIX duplicate-of) says it is: a source's word that they are one. */
  sameAs?: string[];
}

export interface PairScore {
  score: number;
  reasons: string[];
}

const governmentSector = (facts: MatchFacts) => /government/i.test(facts.sector ?? '') || /^(the )?government of\b/i.test(facts.name);

/** Kinds that can name one real-world thing, with why. STATE/ORGANIZATION only when the organisation is a government. */
function kindsAgree(a: MatchFacts, b: MatchFacts): { agree: boolean; note?: string } {
  if (a.kind === b.kind) return { agree: true };
  const pair = new Set<EntityKindName>([a.kind, b.kind]);
  const is = (x: EntityKindName, y: EntityKindName) => pair.has(x) && pair.has(y);
  if (is('STATE', 'ORGANIZATION')) {
    const organisation = a.kind === 'ORGANIZATION' ? a : b;
    return governmentSector(organisation)
      ? { agree: true, note: 'a state and a government organisation: the state and its government' }
      : { agree: false };
  }
  if (is('INCIDENT', 'CAMPAIGN')) return { agree: true, note: 'an incident and a campaign can be one operation' };
  if (is('THREAT_ACTOR', 'GROUP')) return { agree: true, note: 'a threat actor and a group (intrusion set) can be one actor' };
  if (is('THREAT_ACTOR', 'INTRUSION_SET') || is('GROUP', 'INTRUSION_SET'))
    return { agree: true, note: 'an actor and an intrusion set (its observed activity) are often one actor' };
  if (is('GROUP', 'ORGANIZATION')) return { agree: true, note: 'a group and an organisation can be one body' };
  if (is('MALWARE', 'TOOL')) return { agree: true, note: 'malware and tool are often classified differently by sources' };
  return { agree: false };
}

const quoted = (text: string) => `"${text.length > 70 ? `${text.slice(0, 67)}...` : text}"`;

/** The best match between the two entities' names and aliases, with the forms that matched. */
function compareNames(a: MatchFacts, b: MatchFacts): { similarity: number; reason: string | null } {
  const forms = (facts: MatchFacts) => [facts.name, ...facts.aliases].filter((name) => !isPlaceholderName(name));
  let best = { similarity: 0, reason: null as string | null };
  for (const nameA of forms(a)) {
    for (const nameB of forms(b)) {
      const variantsA = nameVariants(nameA, []);
      const variantsB = nameVariants(nameB, []);
      const shared = variantsA.find((variant) => variantsB.includes(variant));
      if (shared) {
        const how = foldText(nameA) === foldText(nameB) ? 'same name' : `same name once normalised ("${shared}")`;
        return { similarity: 1, reason: `${how}: ${quoted(nameA)} / ${quoted(nameB)}` };
      }
      // Short forms (abbreviations, initials) count only when equal: "USDOT" is not nearly "USDOS".
      for (const variantA of variantsA.filter((variant) => variant.length >= 6)) {
        for (const variantB of variantsB.filter((variant) => variant.length >= 6)) {
          const words = compareWords(variantA, variantB);
          const similarity = words.eachHasItsOwn
            ? words.similarity * 0.75
            : Math.max(words.similarity, editSimilarity(variantA, variantB)) * (words.oneHasItsOwn ? 0.85 : 1);
          if (similarity > best.similarity) {
            best = { similarity, reason: `similar names (${Math.round(similarity * 100)}%): ${quoted(nameA)} / ${quoted(nameB)}` };
          }
        }
      }
    }
  }
  return best;
}

/** For claims and denials: how alike their words are (name and statement together). */
function compareStatements(a: MatchFacts, b: MatchFacts): { similarity: number; reason: string | null } {
  const text = (facts: MatchFacts) => foldText([isPlaceholderName(facts.name) ? '' : facts.name, facts.statement ?? ''].join(' '));
  if (!a.statement || !b.statement) return { similarity: 0, reason: null };
  const similarity = compareWords(text(a), text(b)).similarity;
  return { similarity, reason: `similar statements (${Math.round(similarity * 100)}%): ${quoted(a.statement)} / ${quoted(b.statement)}` };
}

/** A day (YYYY-MM-DD) or a month (YYYY-MM) the entity is about: its date, its first sighting, or a month its name gives. */
function whenOf(facts: MatchFacts): string | null {
  return facts.date ?? facts.firstSeen ?? datesNamed([facts.name, ...facts.aliases].join(' '))[0] ?? null;
}

function compareDates(a: MatchFacts, b: MatchFacts): { adjust: number; reason: string | null } {
  const [whenA, whenB] = [whenOf(a), whenOf(b)];
  if (!whenA || !whenB) return { adjust: 0, reason: null };
  if (whenA === whenB) return { adjust: whenA.length === 10 ? 0.1 : 0.05, reason: `same date: ${whenA}` };
  if (whenA.slice(0, 7) === whenB.slice(0, 7)) {
    const days = whenA.length === 10 && whenB.length === 10 ? Math.abs(Date.parse(whenA) - Date.parse(whenB)) / 86_400_000 : 0;
    return days <= 3 ? { adjust: 0.05, reason: `same month: ${whenA.slice(0, 7)}` } : { adjust: -0.1, reason: null };
  }
  return { adjust: Number.NEGATIVE_INFINITY, reason: null };
}

/** Two dates months apart are two events, however alike the names: the score stays below any default threshold. */
const conflictingDatesCap = 0.45;

/** Neighbours of one name on both sides (by normalised name): shared context. */
function sharedNeighbours(a: MatchFacts, b: MatchFacts): string[] {
  const variantsB = b.neighbours.map((name) => ({ name, variants: nameVariants(name, []) }));
  const shared = new Set<string>();
  for (const name of a.neighbours) {
    const variants = nameVariants(name, []);
    if (variantsB.some((other) => other.variants.some((variant) => variants.includes(variant)))) shared.add(name);
  }
  return [...shared];
}

/** Passages cited by both, compared folded (at least 40 characters, so a stock phrase does not count). */
function sharedExcerpts(a: MatchFacts, b: MatchFacts): string[] {
  const folded = new Set(b.excerpts.map(foldText).filter((text) => text.length >= 40));
  return a.excerpts.filter((excerpt) => folded.has(foldText(excerpt)));
}

/**
 * How likely two entities are one real-world thing, 0-1, with the reasons in words; null when they cannot be
 * (incompatible kinds, or a link between them that makes them two). See docs/duplicates.md for the scoring.
 */
export function scorePair(a: MatchFacts, b: MatchFacts): PairScore | null {
  if (a.id === b.id || a.linked.includes(b.id) || b.linked.includes(a.id)) return null;
  const kinds = kindsAgree(a, b);
  if (!kinds.agree) return null;
  const reasons: string[] = [];
  const names = compareNames(a, b);
  const statements = a.kind === 'CLAIM' || a.kind === 'DENIAL' ? compareStatements(a, b) : { similarity: 0, reason: null };
  const textual = statements.similarity > names.similarity ? statements : names;
  let score = textual.similarity;
  if (textual.reason && textual.similarity >= 0.3) reasons.push(textual.reason);

  const ids = a.externalIds.filter((id) => b.externalIds.includes(id));
  if (ids.length > 0) {
    score = Math.max(score, 0.95);
    reasons.unshift(`same external id: ${ids.join(', ')}`);
  }
  if (a.sameAs?.includes(b.id) || b.sameAs?.includes(a.id)) {
    score = Math.max(score, 0.95);
    reasons.unshift('a source says they are duplicates (a DUPLICATE_OF link)');
  }
  // A passage quoting a statement identifies it; a passage about other things often tells of several of them
  // (one article on two attacks), so there it only supports names that already look alike.
  const excerpts = sharedExcerpts(a, b);
  const statementKind = a.kind === 'CLAIM' || a.kind === 'DENIAL';
  if (excerpts.length > 0 && textual.similarity >= 0.6) {
    score += statementKind ? 0.25 : 0.1;
    reasons.push(`both cite the same passage: ${quoted(excerpts[0])}`);
  }
  const dates = compareDates(a, b);
  const datesConflict = dates.adjust === Number.NEGATIVE_INFINITY;
  if (!datesConflict) score += dates.adjust;
  if (dates.reason) reasons.push(dates.reason);
  const neighbours = sharedNeighbours(a, b);
  if (neighbours.length > 0) {
    score += 0.15 * Math.min(1, neighbours.length / Math.max(1, Math.min(a.neighbours.length, b.neighbours.length)));
    reasons.push(`linked to the same: ${neighbours.slice(0, 4).join(', ')}${neighbours.length > 4 ? ', ...' : ''}`);
  }
  if (kinds.note) {
    score -= 0.05;
    reasons.push(`compatible kinds (${a.kind} / ${b.kind}): ${kinds.note}`);
  } else {
    reasons.push(`same kind: ${a.kind}`);
  }
  if (datesConflict) score = Math.min(score, conflictingDatesCap);
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, reasons };
}

/** ATT&CK and CVE ids in a text, upper-cased. */
export function externalIdsIn(text: string): string[] {
  return [
    ...new Set(
      [...text.matchAll(/\b(?:(?:G|S|C|TA|T|M|DS)\d{4}(?:\.\d{3})?|CVE-\d{4}-\d{4,})\b/gi)].map((match) => match[0].toUpperCase()),
    ),
  ];
}
