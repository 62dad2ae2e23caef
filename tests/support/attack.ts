import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { projectRoot } from '../../server/config.js';

/** The ATT&CK for ICS releases the tests read (tests/fixtures/attack/README.md). */
export type AttackRelease = '17.1' | '18.1';

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: Record<string, unknown>[];
}

const cache = new Map<AttackRelease, string>();

/** An official ATT&CK for ICS bundle, as MITRE published it (text). */
export function attackBundleText(release: AttackRelease): string {
  if (!cache.has(release)) {
    const file = path.join(projectRoot, 'tests', 'fixtures', 'attack', `ics-attack-${release}.json.gz`);
    cache.set(release, zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  }
  return cache.get(release)!;
}

export function attackBundle(release: AttackRelease): StixBundle {
  return JSON.parse(attackBundleText(release)) as StixBundle;
}
