import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';
import { isRelationshipType } from '../../shared/vocabulary.js';

export const cypherRoot = path.join(projectRoot, 'cypher');

/**
 * What may be spliced into a statement where Cypher takes no parameter:
 * - `{{name}}`: a whole number in a small fixed range, e.g. a path length bound;
 * - `{{types name}}`: relationship types of the vocabulary's whitelist, as a type expression `A|B` (a pattern
 *   with its types spelt out lets Neo4j read a dense entity's links of those types only; a parameter cannot). An
 *   empty list is spliced as `!%`, the types no relationship has: Neo4j plans it as reading nothing;
 * - `{{#name}}...{{/name}}`: a section, left out only when the caller passes false for it. Keeping a section must
 *   always be correct (a caller that does not know of it keeps it); a caller leaves one out only where it says
 *   nothing, e.g. a test whose parameter is null, or a type test its pattern already makes.
 */
export type CypherSlots = Record<string, number | boolean | readonly string[]>;
export type SlotKind = 'number' | 'types' | 'section';
const slotRange = { min: 0, max: 16 };
const slotPattern = /\{\{(types )?(\w+)\}\}/g;
const sectionPattern = /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;

/** Files under this folder are fragments, included by statements, never run alone. */
export const fragmentFolder = 'fragments/';
/** `{{> fragments/name}}`: the fragment's text without its comment lines, in parentheses (a predicate shared by statements). */
const includePattern = /\{\{>\s*([\w/-]+)\s*\}\}/g;

/** Every `cypher/<area>/<verb-noun>.cypher` file, read once, by name such as `graph/find-neighbourhood`. */
export class CypherCatalog {
  private readonly statements = new Map<string, string>();

  constructor(root = cypherRoot) {
    const files = new Map<string, string>();
    for (const file of listCypherFiles(root)) {
      const name = path
        .relative(root, file)
        .replace(/\\/g, '/')
        .replace(/\.cypher$/, '');
      files.set(name, fs.readFileSync(file, 'utf8'));
    }
    // A fragment may include others (never itself, directly or not: the depth check stops a cycle).
    const expand = (text: string, depth: number): string =>
      text.replace(includePattern, (_match, included: string) => {
        const body = included.startsWith(fragmentFolder) ? files.get(included) : undefined;
        if (body === undefined) throw new Error(`No Cypher fragment named ${included}.cypher`);
        if (depth > 8) throw new Error(`Cypher fragment ${included}.cypher includes itself`);
        return `(${expand(withoutComments(body).join('\n  '), depth + 1)})`;
      });
    for (const [name, text] of files) {
      if (!name.startsWith(fragmentFolder)) this.statements.set(name, expand(text, 0));
    }
  }

  names(): string[] {
    return [...this.statements.keys()].sort();
  }

  /** The statement text; slots are filled only with whole numbers in a small fixed range or whitelisted types. */
  text(name: string, slots: CypherSlots = {}): string {
    const statement = this.statements.get(name);
    if (statement === undefined) throw new Error(`No Cypher file named ${name}.cypher`);
    const sectioned = statement.replace(sectionPattern, (_match, flag: string, body: string) => {
      const value = slots[flag];
      if (value !== undefined && typeof value !== 'boolean') throw new Error(`Cypher section {{#${flag}}} of ${name} needs true or false`);
      return value === false ? '' : body;
    });
    return sectioned.replace(slotPattern, (_match, types: string | undefined, slot: string) =>
      types ? typeExpression(name, slot, slots[slot]) : wholeNumber(name, slot, slots[slot]),
    );
  }

  /** The slots and sections a statement has, by kind (for tests that run every statement). */
  slotsOf(name: string): { name: string; kind: SlotKind }[] {
    const statement = this.statements.get(name) ?? '';
    const found = new Map<string, SlotKind>();
    for (const [, flag] of statement.matchAll(sectionPattern)) found.set(flag, 'section');
    for (const [, types, slot] of statement.matchAll(slotPattern)) found.set(slot, types ? 'types' : 'number');
    return [...found].map(([slot, kind]) => ({ name: slot, kind }));
  }

  /** Statements of a file split on `;` line ends, for schema files that hold several. */
  statementsOf(name: string): string[] {
    return this.text(name)
      .split(/;\s*$/m)
      .map((part) => part.replace(/^\s*\/\/.*$/gm, '').trim())
      .filter(Boolean);
  }
}

function wholeNumber(name: string, slot: string, value: CypherSlots[string] | undefined): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < slotRange.min || value > slotRange.max) {
    throw new Error(`Cypher slot {{${slot}}} of ${name} needs a whole number from ${slotRange.min} to ${slotRange.max}`);
  }
  return String(value);
}

function typeExpression(name: string, slot: string, value: CypherSlots[string] | undefined): string {
  if (!Array.isArray(value)) throw new Error(`Cypher slot {{types ${slot}}} of ${name} needs a list of relationship types`);
  const unknown = value.filter((type) => typeof type !== 'string' || !isRelationshipType(type));
  if (unknown.length > 0)
    throw new Error(
      `Cypher slot {{types ${slot}}} of ${name}: not a relationship type of the vocabulary: ${unknown.map(String).join(', ')}`,
    );
  return value.length === 0 ? '!%' : value.join('|');
}

function withoutComments(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'));
}

export function listCypherFiles(root = cypherRoot): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.cypher')) found.push(full);
    }
  };
  walk(root);
  return found.sort();
}
