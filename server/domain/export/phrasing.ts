import { confidenceWords } from '../confidence.js';
import type { StanceName } from '../model.js';
import type { EntityRecord, RelationshipRecord } from '../types.js';

/** A sentence as text runs and entity mentions, so each renderer can mark names its own way. */
export type Phrase = (string | EntityRecord)[];

interface TypePhrasing {
  /** The link stated as fact: "{a} uses {b}". */
  fact: string;
  /** The same after "is believed" / "is claimed": "to use {b}". */
  infinitive: string;
  /** Wordings that read better than the generic ones for some stances. */
  stances?: Partial<Record<StanceName, string>>;
}

// {a} and {b} are the link's ends, {c} the confidence clause. Hedged stances keep their hedge next to
// the verb ("is suspected (confidence 65) of ties to"), as analysts write it.
const phrasing: Record<string, TypePhrasing> = {
  ATTRIBUTED_TO: {
    fact: '{a} is attributed to {b}{c}',
    infinitive: 'to be the work of {b}',
    stances: { SUSPECTED: '{b} is suspected{c} of being behind {a}', DENIED: '{b} denies{c} being behind {a}' },
  },
  AFFILIATED_WITH: {
    fact: '{a} is affiliated with {b}{c}',
    infinitive: 'to be affiliated with {b}',
    stances: { SUSPECTED: '{a} is suspected{c} of ties to {b}', CLAIMED: '{a} claims{c} ties to {b}' },
  },
  PART_OF: { fact: '{a} is part of {b}{c}', infinitive: 'to be part of {b}' },
  TARGETED: { fact: '{a} targeted {b}{c}', infinitive: 'to have targeted {b}' },
  CLAIMED_BY: {
    fact: '{b} claimed responsibility for {a}{c}',
    infinitive: 'to have been claimed by {b}',
    stances: { CLAIMED: '{b} claims responsibility{c} for {a}', DENIED: '{b} denies{c} having claimed {a}' },
  },
  DENIED_BY: {
    fact: '{b} denies any involvement in {a}{c}',
    infinitive: 'to be denied by {b}',
    stances: { DENIED: '{b} denies{c} any involvement in {a}' },
  },
  MADE_BY: { fact: '{a} was made by {b}{c}', infinitive: 'to come from {b}', stances: { DENIED: '{b} denies{c} having made {a}' } },
  ABOUT: { fact: '{a} concerns {b}{c}', infinitive: 'to concern {b}' },
  IMPOSED_BY: { fact: '{a} was imposed by {b}{c}', infinitive: 'to have been imposed by {b}' },
  SANCTIONS: { fact: '{a} designates {b}{c}', infinitive: 'to designate {b}' },
  SEVERED_TIES_WITH: { fact: '{a} severed diplomatic ties with {b}{c}', infinitive: 'to have severed ties with {b}' },
  HOSTS: { fact: '{a} hosts {b}{c}', infinitive: 'to host {b}' },
  LOCATED_IN: { fact: '{a} is located in {b}{c}', infinitive: 'to be located in {b}' },
  USES: { fact: '{a} uses {b}{c}', infinitive: 'to use {b}', stances: { SUSPECTED: '{a} is suspected{c} of using {b}' } },
  MOTIVATED_BY: {
    fact: '{a} was motivated by {b}{c}',
    infinitive: 'to have been motivated by {b}',
    stances: { SUSPECTED: '{a} is suspected{c} to have been motivated by {b}' },
  },
  RESPONDS_TO: { fact: '{a} responds to {b}{c}', infinitive: 'to respond to {b}' },
  FOLLOWS: { fact: '{a} follows {b}{c}', infinitive: 'to follow {b}' },
  SUPPORTS: { fact: '{a} supports {b}{c}', infinitive: 'to support {b}' },
  RELATED_TO: { fact: '{a} is related to {b}{c}', infinitive: 'to be related to {b}' },
};

function template(type: string, stance: StanceName): string {
  const entry = phrasing[type] ?? { fact: `{a} ${type.toLowerCase().replace(/_/g, ' ')} {b}{c}`, infinitive: `to be linked to {b}` };
  const special = entry.stances?.[stance];
  if (special) return special;
  switch (stance) {
    case 'ASSERTED':
      return entry.fact;
    case 'SUSPECTED':
      return `{a} is believed{c} ${entry.infinitive}`;
    case 'CLAIMED':
      return `{a} is claimed{c} ${entry.infinitive}`;
    case 'DENIED':
      return `it is denied{c} that ${entry.fact.replace('{c}', '')}`;
  }
}

/**
 * " (confidence 65)" where the number matters: always for hedged stances, for facts below 85. A fact whose
 * source states no confidence reads as stated; a hedged one says "confidence not stated".
 */
function confidenceClause({ stance, confidence }: RelationshipRecord): string {
  if (stance === 'ASSERTED') return confidence !== null && confidence < 85 ? ` (${confidenceWords(confidence)})` : '';
  return ` (${confidenceWords(confidence)})`;
}

/** When the link holds, for the margin of a sentence: "from 2022-09-09", "until 2023-01-01", or null. */
export function linkPeriod({ since, until }: RelationshipRecord): string | null {
  if (since && until) return since === until ? `on ${since}` : `${since} to ${until}`;
  if (since) return `from ${since}`;
  if (until) return `until ${until}`;
  return null;
}

// Events are named like titles ("July 2022 cyberattack on …") and read as "the July 2022 cyberattack".
const takesArticle = new Set(['INCIDENT', 'CAMPAIGN', 'SANCTION']);

/** One link as a sentence without its final full stop or dates: "Homeland Justice is suspected (confidence 65) of ties to Iran". */
export function phraseRelationship(relationship: RelationshipRecord): Phrase {
  const text = template(relationship.type, relationship.stance).replace('{c}', confidenceClause(relationship));
  const phrase: Phrase = text
    .split(/(\{[ab]\})/)
    .filter(Boolean)
    .flatMap((part) => {
      const entity = part === '{a}' ? relationship.from : part === '{b}' ? relationship.to : null;
      if (!entity) return [part];
      return takesArticle.has(entity.kind) ? ['the ', entity] : [entity];
    });
  const first = phrase[0];
  if (typeof first === 'string') phrase[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return phrase;
}

// Statements and acts are named by what they say ("Albania severs diplomatic relations with Iran").
const quotedKinds = new Set(['CLAIM', 'DENIAL', 'REPORT', 'DIPLOMATIC_ACTION']);

/** Statements read as quoted titles inside sentences; other entities by name. */
export function mentionName(entity: EntityRecord): string {
  return quotedKinds.has(entity.kind) ? `“${entity.name}”` : entity.name;
}
