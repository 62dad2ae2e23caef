// An expression: the day the element `known` (an entity or a relationship) became known, knowledge time as
// server/domain/knowledge-time.ts defines it: its earliest dated source's publication, else the day it was
// recorded here (createdAt), else null (undated). Included as {{> fragments/known-since}} where the element is
// bound to `known`, so summary maps (which carry no sources) still say when each element became known.
// As text (YYYY-MM-DD), like the dates beside it in summary maps: the driver decodes a Date value through 64-bit
// Integer arithmetic, which was a third of the server's Bolt decoding on canvas reads (README, Performance).
toString(coalesce(COLLECT { MATCH (knownSource:Source) WHERE knownSource.id IN coalesce(known.sourceIds, []) AND knownSource.published IS NOT NULL
                   RETURN knownSource.published ORDER BY knownSource.published LIMIT 1 }[0],
         date(known.createdAt)))
