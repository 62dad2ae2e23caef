import { originOf, reliabilityOf } from '../domain/sources/source-evidence.js';
import { markingsOf } from '../domain/stix-info.js';
import type { SourceDocument } from '../domain/types.js';
import type { Resolvers } from '../generated/graphql.js';

/**
 * A source's evidence fields as the API states them: a grade and an origin always, the sources it derives from;
 * read as a citation, also the markings of the fact that cites it (which govern its excerpt too).
 */
export const sourceResolvers: Resolvers = {
  Source: {
    reliability: (source) => reliabilityOf(source),
    origin: (source) => originOf(source),
    derivedFrom: async (source, _args, { sources }) =>
      (await sources.loadMany(source.derivedFrom)).filter((found): found is SourceDocument => Boolean(found) && !(found instanceof Error)),
    credibility: (source) => source.credibility ?? null,
    markings: (source, _args, context) =>
      markingsOf(
        { stixObject: null, created: null, modified: null, markings: source.markings ?? [], revoked: false, deprecated: false },
        context.markings,
      ),
  },
};
