/**
 * STIX data markings every producer knows without being sent them: the Traffic Light Protocol, as TLP 1.0 (the
 * four marking definitions STIX 2.1 predefines, section 7.2.1.4) and TLP 2.0 (the five marking definitions and
 * the extension definition OASIS publishes in cti-stix-common-objects). Server and client share the table: the
 * importer and exports read levels from it, the canvas and panels draw its badges. This module imports nothing.
 */

/** TLP levels from the least to the most restricted. TLP 1.0's WHITE is TLP 2.0's CLEAR. */
export const tlpLevels = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type TlpLevel = (typeof tlpLevels)[number];

export interface TlpMarking {
  id: string;
  /** As STIX names it: TLP:WHITE, TLP:AMBER+STRICT, ... */
  name: string;
  level: TlpLevel;
  version: '1.0' | '2.0';
  /** The marking-definition object, exactly as published. */
  object: Record<string, unknown>;
}

/** The OASIS extension definition every TLP 2.0 marking declares itself through. */
export const tlp2ExtensionId = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const tlp2ExtensionDefinition: Record<string, unknown> = {
  id: tlp2ExtensionId,
  type: 'extension-definition',
  spec_version: '2.1',
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  schema: 'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
};

function tlp1(id: string, colour: string, level: TlpLevel): TlpMarking {
  const name = `TLP:${colour.toUpperCase()}`;
  return {
    id,
    name,
    level,
    version: '1.0',
    object: {
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: '2017-01-20T00:00:00.000Z',
      definition_type: 'tlp',
      name,
      definition: { tlp: colour },
    },
  };
}

function tlp2(id: string, value: string, level: TlpLevel): TlpMarking {
  const name = `TLP:${value.toUpperCase()}`;
  return {
    id,
    name,
    level,
    version: '2.0',
    object: {
      type: 'marking-definition',
      spec_version: '2.1',
      id,
      created: '2022-10-01T00:00:00.000Z',
      name,
      extensions: { [tlp2ExtensionId]: { extension_type: 'property-extension', tlp_2_0: value } },
    },
  };
}

/** Every TLP marking definition, TLP 2.0 first: where a name is ambiguous (TLP:AMBER), the current version wins. */
export const tlpMarkings: readonly TlpMarking[] = [
  tlp2('marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'clear', 'CLEAR'),
  tlp2('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'green', 'GREEN'),
  tlp2('marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'amber', 'AMBER'),
  tlp2('marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', 'amber+strict', 'AMBER_STRICT'),
  tlp2('marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', 'red', 'RED'),
  tlp1('marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9', 'white', 'CLEAR'),
  tlp1('marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green', 'GREEN'),
  tlp1('marking-definition--f88d31f6-486f-44da-b317-01333bde0b82', 'amber', 'AMBER'),
  tlp1('marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red', 'RED'),
];

const byId = new Map(tlpMarkings.map((marking) => [marking.id, marking]));

export function tlpMarking(id: string): TlpMarking | undefined {
  return byId.get(id);
}

/** The most restricted TLP level among some marking ids, or null when none is a TLP marking. */
export function highestTlp(markingIds: Iterable<string>): TlpLevel | null {
  let highest = -1;
  for (const id of markingIds) {
    const marking = byId.get(id);
    if (marking) highest = Math.max(highest, tlpLevels.indexOf(marking.level));
  }
  return highest < 0 ? null : tlpLevels[highest];
}

/**
 * A TLP level as people write it (a URL parameter, a command-line option): clear, green, amber, amber+strict (or
 * amber_strict), red, with or without `TLP:`, in any case; TLP 1.0's white is clear. Null when it names none.
 */
export function tlpLevelOf(text: string): TlpLevel | null {
  const level = text.trim().toUpperCase().replace(/^TLP:/, '').replace(/[+ -]/g, '_');
  const named = level === 'WHITE' ? 'CLEAR' : level;
  return (tlpLevels as readonly string[]).includes(named) ? (named as TlpLevel) : null;
}

/** Whether a TLP level is above a ceiling (an export withholds such objects). */
export function isAboveTlp(level: TlpLevel | null, ceiling: TlpLevel): boolean {
  return level !== null && tlpLevels.indexOf(level) > tlpLevels.indexOf(ceiling);
}

/**
 * A marking as an analyst may write it in a CSV cell or the project JSON: a marking-definition id, or a TLP
 * name (TLP:AMBER is TLP 2.0's; TLP:WHITE only exists in TLP 1.0). Null when it is neither.
 */
export function markingIdOf(text: string): string | null {
  const trimmed = text.trim();
  if (/^marking-definition--[0-9a-f-]{36}$/i.test(trimmed)) return trimmed.toLowerCase();
  const name = trimmed.toUpperCase().replace(/\s+/g, '');
  return tlpMarkings.find((marking) => marking.name === name)?.id ?? null;
}

/**
 * Badge colours of the TLP 2.0 standard (FIRST): coloured text on black. TLP:CLEAR is white on black.
 * https://www.first.org/tlp/ ("colour-coding")
 */
export const tlpColours: Record<TlpLevel, string> = {
  CLEAR: '#FFFFFF',
  GREEN: '#33FF00',
  AMBER: '#FFC000',
  AMBER_STRICT: '#FFC000',
  RED: '#FF2B2B',
};
