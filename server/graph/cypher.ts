import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

export const cypherRoot = path.join(projectRoot, 'cypher');

/** Whole numbers that may be spliced into `{{name}}` slots, e.g. a path length bound (Cypher takes no parameter there). */
export type CypherSlots = Record<string, number>;
const slotRange = { min: 0, max: 16 };

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

  /** The statement text; slots are filled only with whole numbers in a small fixed range. */
  text(name: string, slots: CypherSlots = {}): string {
    const statement = this.statements.get(name);
    if (statement === undefined) throw new Error(`No Cypher file named ${name}.cypher`);
    const filled = statement.replace(/\{\{(\w+)\}\}/g, (_match, slot: string) => {
      const value = slots[slot];
      if (!Number.isInteger(value) || value < slotRange.min || value > slotRange.max) {
        throw new Error(`Cypher slot {{${slot}}} of ${name} needs a whole number from ${slotRange.min} to ${slotRange.max}`);
      }
      return String(value);
    });
    return filled;
  }

  /** Statements of a file split on `;` line ends, for schema files that hold several. */
  statementsOf(name: string): string[] {
    return this.text(name)
      .split(/;\s*$/m)
      .map((part) => part.replace(/^\s*\/\/.*$/gm, '').trim())
      .filter(Boolean);
  }
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
