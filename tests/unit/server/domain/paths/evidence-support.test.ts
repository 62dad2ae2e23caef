import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citationStrength,
  credibilityWeights,
  reliabilityWeights,
  SourceLibrary,
  stepSupport,
  type EvidenceLink,
} from '../../../../../server/domain/paths/evidence-support.js';
import { profiles } from '../../../../../server/domain/paths/profiles.js';
import type { SourceDocument } from '../../../../../server/domain/types.js';
import type { ReliabilityGrade } from '../../../../../shared/vocabulary.js';

const stances = profiles.ATTRIBUTION.stances;
const source = (id: string, origin: string, reliability: ReliabilityGrade | null = null, derivedFrom: string[] = []): SourceDocument => ({
  id,
  title: `Title ${id}`,
  publisher: `Publisher ${id}`,
  url: null,
  published: null,
  publishedInferred: false,
  publishedNote: null,
  reliability,
  origin,
  derivedFrom,
});
const link = (id: string, confidence: number, sourceIds: string[], stance: EvidenceLink['stance'] = 'ASSERTED'): EvidenceLink => ({
  id,
  confidence,
  stance,
  citations: sourceIds.map((sourceId) => ({ sourceId, credibility: 6 })),
});

describe('stepSupport', () => {
  const library = new SourceLibrary([
    source('cisa', 'CISA', 'B'),
    source('mandiant-ap', 'Mandiant', 'B'),
    source('mandiant-iranintl', 'Mandiant', 'C'),
    source('treasury', 'U.S. Department of the Treasury', 'A'),
    source('state', 'U.S. Department of State', 'A', ['treasury']),
    source('digest', 'Digest', 'D', ['state']),
  ]);

  it('combines independent origins by noisy-OR and counts one origin once, at its strongest', () => {
    const independent = stepSupport([link('a', 80, ['cisa']), link('b', 80, ['mandiant-ap'])], library, stances);
    const oneOrigin = stepSupport([link('a', 80, ['mandiant-iranintl']), link('b', 80, ['mandiant-ap'])], library, stances);
    const strength = 0.8 * reliabilityWeights.B;
    expect(independent).toMatchObject({ groups: 2, reliableGroups: 2 });
    expect(independent.support).toBeCloseTo(1 - (1 - strength) ** 2, 12);
    expect(oneOrigin.groups).toBe(1);
    expect(oneOrigin.support).toBeCloseTo(strength, 12);
    expect(independent.support).toBeGreaterThan(oneOrigin.support);
  });

  it('treats a source derived from another, directly or through a third, as the same evidence', () => {
    const chain = stepSupport([link('a', 70, ['treasury', 'digest'])], library, stances);
    expect(chain.groups).toBe(1);
    expect(chain.support).toBeCloseTo(0.7 * reliabilityWeights.A, 12);
  });

  it('weighs a citation by confidence, reliability, credibility and stance', () => {
    const claimed = { confidence: 60, stance: 'CLAIMED' as const };
    expect(citationStrength(claimed, { sourceId: 'cisa', credibility: 4 }, library, stances)).toBeCloseTo(
      0.6 * reliabilityWeights.B * credibilityWeights[4] * stances.CLAIMED,
      12,
    );
    // An unknown source and an ungraded one weigh as F.
    expect(citationStrength({ confidence: 50, stance: 'ASSERTED' }, { sourceId: 'nowhere', credibility: 6 }, library, stances)).toBeCloseTo(
      0.5 * reliabilityWeights.F,
      12,
    );
  });

  it('leaves excluded sources out, and counts a link without citations as one ungraded source of its own', () => {
    const without = stepSupport([link('a', 80, ['cisa', 'treasury'])], library, stances, new Set(['treasury']));
    expect(without.groups).toBe(1);
    expect(without.support).toBeCloseTo(0.8 * reliabilityWeights.B, 12);
    const unsourced = stepSupport([link('x', 90, []), link('y', 90, [])], library, stances);
    expect(unsourced.groups).toBe(2);
    expect(unsourced.reliableGroups).toBe(0);
  });

  it('groups by origin compared without case, accents or punctuation', () => {
    const spelled = new SourceLibrary([source('a', 'U.S. Department of the Treasury'), source('b', 'us department of the treasury ')]);
    expect(stepSupport([link('l', 90, ['a', 'b'])], spelled, stances).groups).toBe(1);
  });
});

describe('stepSupport, for any evidence (property-based)', () => {
  const grades = fc.constantFrom<ReliabilityGrade | null>('A', 'B', 'C', 'D', 'E', 'F', null);
  const origins = fc.constantFrom('CISA', 'Mandiant', 'Microsoft', 'Treasury', 'AP');
  const citation = fc.record({ origin: origins, reliability: grades, credibility: fc.integer({ min: 1, max: 6 }) });
  const links = fc.array(
    fc.record({
      confidence: fc.integer({ min: 1, max: 100 }),
      stance: fc.constantFrom('ASSERTED', 'SUSPECTED', 'CLAIMED'),
      citations: fc.array(citation, { minLength: 1, maxLength: 4 }),
    }),
    { minLength: 1, maxLength: 4 },
  );
  /** Sources made per citation, so each has its own id; origins repeat as drawn. */
  const build = (
    drawn: {
      confidence: number;
      stance: string;
      citations: { origin: string; reliability: ReliabilityGrade | null; credibility: number }[];
    }[],
  ) => {
    const sources: SourceDocument[] = [];
    const evidence = drawn.map(
      (entry, i) =>
        ({
          id: `l${i}`,
          confidence: entry.confidence,
          stance: entry.stance,
          citations: entry.citations.map((drawnCitation, j) => {
            const made = source(`s${i}-${j}`, drawnCitation.origin, drawnCitation.reliability);
            sources.push(made);
            return { sourceId: made.id, credibility: drawnCitation.credibility };
          }),
        }) as EvidenceLink,
    );
    return { sources, evidence };
  };

  it('never lowers support when an independent source is added', () => {
    fc.assert(
      fc.property(links, citation, fc.integer({ min: 1, max: 100 }), (drawn, extra, confidence) => {
        const { sources, evidence } = build(drawn);
        const before = stepSupport(evidence, new SourceLibrary(sources), stances);
        const independent = source('new', 'An origin nobody else has', extra.reliability);
        const after = stepSupport(
          [
            ...evidence,
            { id: 'new-link', confidence, stance: 'ASSERTED', citations: [{ sourceId: 'new', credibility: extra.credibility }] },
          ],
          new SourceLibrary([...sources, independent]),
          stances,
        );
        expect(after.support).toBeGreaterThanOrEqual(before.support - 1e-12);
        expect(after.groups).toBe(before.groups + 1);
      }),
    );
  });

  it('never raises support above what the group maxima give when a source of an existing origin is added', () => {
    fc.assert(
      fc.property(links, citation, fc.integer({ min: 1, max: 100 }), (drawn, extra, confidence) => {
        const { sources, evidence } = build(drawn);
        const library = new SourceLibrary(sources);
        const before = stepSupport(evidence, library, stances);
        const origin = sources[0].origin!;
        const sameOrigin = source('same', origin, extra.reliability);
        const added: EvidenceLink = {
          id: 'same-link',
          confidence,
          stance: 'ASSERTED',
          citations: [{ sourceId: 'same', credibility: extra.credibility }],
        };
        const grown = new SourceLibrary([...sources, sameOrigin]);
        const after = stepSupport([...evidence, added], grown, stances);
        expect(after.groups).toBe(before.groups);
        // The origin's group counts once: at the larger of its old maximum and the new source's strength.
        const strongestOfOrigin = Math.max(
          ...evidence.flatMap((entry) =>
            entry.citations
              .filter((c) => grown.source(c.sourceId)!.origin === origin)
              .map((c) => citationStrength(entry, c, grown, stances)),
          ),
        );
        const addedStrength = citationStrength(added, added.citations[0], grown, stances);
        fc.pre(strongestOfOrigin < 0.999);
        const others = (1 - before.support) / (1 - strongestOfOrigin);
        expect(after.support).toBeCloseTo(1 - others * (1 - Math.max(strongestOfOrigin, addedStrength)), 9);
        if (addedStrength <= strongestOfOrigin) expect(after.support).toBeCloseTo(before.support, 12);
      }),
    );
  });

  it('stays within 0 and 1, and below 1 - prod(1 - strength) over all citations', () => {
    fc.assert(
      fc.property(links, (drawn) => {
        const { sources, evidence } = build(drawn);
        const library = new SourceLibrary(sources);
        const { support } = stepSupport(evidence, library, stances);
        let missing = 1;
        for (const entry of evidence) for (const c of entry.citations) missing *= 1 - citationStrength(entry, c, library, stances);
        expect(support).toBeGreaterThan(0);
        expect(support).toBeLessThanOrEqual(1 - missing + 1e-12);
      }),
    );
  });
});
