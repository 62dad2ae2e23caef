import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivedSourceId } from '../../../../../server/domain/import/derived-source-id.js';
import { parseCsvEntities, parseCsvRelationships } from '../../../../../server/domain/import/parse-csv.js';

const fixture = (name: string) =>
  fs.readFileSync(new URL(`../../../../fixtures/csv/${name}`, import.meta.url), 'utf8').replaceAll('{{prefix}}', '');
const lines = (...rows: string[]) => rows.join('\n') + '\n';
const entityHeader =
  'id,kind,name,aliases,description,date,isoCode,source_id,source_title,source_publisher,source_url,source_published,excerpt';
const relationshipHeader = 'id,type,from,to,stance,confidence,since,until,description,disputed_by,source_id,excerpt';

describe('parseCsvEntities', () => {
  it('maps the fixture: lists, kind-specific columns, empty cells as null, and citations', () => {
    const { document, problems } = parseCsvEntities(fixture('entities.csv'));
    expect(problems).toEqual([]);
    const byId = new Map(document!.entities.map((entity) => [entity.id, entity]));
    expect([...byId.keys()]).toEqual(['homeland-justice', 'iran', 'albania', 'inc-parliament-2023', 'denial-iran']);
    expect(byId.get('homeland-justice')).toMatchObject({
      id: 'homeland-justice',
      kind: 'THREAT_ACTOR',
      name: 'Homeland Justice',
      aliases: ['HomeLand Justice', 'Homeland Justice Team'],
      description: 'Persona that claimed the attacks on Albania.\nIts website appeared in June 2022.',
      date: null,
      properties: { firstSeen: '2022-07-15' },
      sources: [
        {
          source: 'src-cisa',
          excerpt: 'In July 2022, Iranian state cyber actors—identifying as "HomeLand Justice"—launched a destructive cyber attack.',
        },
      ],
      extra: null,
    });
    expect(byId.get('inc-parliament-2023')).toMatchObject({
      date: '2023-12-25',
      properties: { aim: 'delete data, disrupt operations', outcome: 'unsuccessful' },
    });
    expect(byId.get('denial-iran')?.properties).toEqual({ statement: '"baseless, hollow, and unproven"' });
    expect(document!.sources).toEqual([
      {
        id: 'src-cisa',
        title: 'CISA Alert AA22-264A',
        publisher: 'CISA and FBI',
        url: 'https://www.cisa.gov/news-events/cybersecurity-advisories/aa22-264a',
        published: '2022-09-21',
      },
      {
        id: 'src-ap',
        title: "A cyberattack blocks Albania's Parliament",
        publisher: 'Associated Press',
        url: 'https://apnews.com/article/albania-parliament-cyberattack',
        published: '2023-12-26',
      },
    ]);
  });

  it('adds the citation of a repeated row to the first row of that id', () => {
    const iran = parseCsvEntities(fixture('entities.csv')).document!.entities.find((entity) => entity.id === 'iran');
    expect(iran?.sources).toEqual([
      { source: 'src-cisa', excerpt: 'Iranian state cyber actors.' },
      { source: 'src-ap', excerpt: 'Tehran denied involvement.' },
    ]);
  });

  it('derives a source id from the url, else the title, when a row defines a source without one', () => {
    const { document } = parseCsvEntities(
      lines(entityHeader, 'a,GROUP,A,,,,,,Some report,Pub,https://example.org/r,,', 'b,GROUP,B,,,,,,A title only,,,,'),
    );
    expect(document!.sources.map((source) => source.id)).toEqual([
      derivedSourceId('https://example.org/r'),
      derivedSourceId('A title only'),
    ]);
    expect(document!.entities[0].sources).toEqual([{ source: derivedSourceId('https://example.org/r'), excerpt: null }]);
  });

  it('reads a UTF-8 file with a byte order mark and Windows line ends', () => {
    const { document, problems } = parseCsvEntities('\uFEFFid,kind,name,source_id\r\nx,GROUP,"Ex\r\nample",src-1\r\n');
    expect(problems).toEqual([]);
    expect(document!.entities[0]).toMatchObject({ id: 'x', name: 'Ex\r\nample', sources: [{ source: 'src-1', excerpt: null }] });
  });

  it('reports header problems on line 1', () => {
    expect(parseCsvEntities(lines('id,kind,nom,colour,kind', 'x,GROUP,X,red,GROUP'), 'actors.csv').problems).toEqual([
      { location: 'actors.csv:1', message: 'needs a source_id or a source_title column: every row cites a source' },
      { location: 'actors.csv:1', message: expect.stringMatching(/^unknown column "nom" \(known columns: id, kind, name, aliases/) },
      { location: 'actors.csv:1', message: expect.stringMatching(/^unknown column "colour"/) },
      { location: 'actors.csv:1', message: 'column "kind" appears twice' },
      { location: 'actors.csv:1', message: 'the required column "name" is missing' },
    ]);
    expect(parseCsvEntities('').problems).toEqual([{ location: 'entities.csv:1', message: 'has no header row' }]);
  });

  it('reports every bad value at its file line, naming the column, counting quoted line breaks and blank lines', () => {
    const content = lines(
      entityHeader,
      'ok,GROUP,"Two',
      'lines",,,,,src-1,,,,,',
      '',
      'x,SPACESHIP,X,,,25/12/2023,,src-1,,,,,',
      'y,GROUP,,,,,IR,,,,,,',
      'z,STATE,Z,,,,ZZ,,Title,,not a url,2023-02-30,',
      'w,STATE,W,,,,,,,Pub,,,',
      'ok,GROUP,Other name,,,,,src-2,,,,,',
    );
    expect(parseCsvEntities(content).problems).toEqual([
      {
        location: 'entities.csv:5',
        message:
          'kind: "SPACESHIP" is not one of THREAT_ACTOR, STATE, ORGANIZATION, PERSON, GROUP, LOCATION, INCIDENT, CAMPAIGN, MALWARE, TOOL, VULNERABILITY, REPORT, CLAIM, DENIAL, SANCTION, DIPLOMATIC_ACTION, INTRUSION_SET, ATTACK_PATTERN, COURSE_OF_ACTION, INDICATOR, INFRASTRUCTURE, OBSERVED_DATA, GROUPING, MALWARE_ANALYSIS, STIX_OBJECT',
      },
      { location: 'entities.csv:5', message: 'date: "25/12/2023" is not a date written YYYY-MM-DD' },
      { location: 'entities.csv:6', message: 'source_id: is required when source_title is empty: every row cites a source' },
      { location: 'entities.csv:6', message: 'isoCode: does not apply to kind GROUP (its columns: none)' },
      { location: 'entities.csv:6', message: 'name: is required' },
      {
        location: 'entities.csv:7',
        message:
          'source_url: "not a url" must not hold quotes, angle brackets, backticks, backslashes, spaces or control characters (percent-encode them)',
      },
      { location: 'entities.csv:7', message: 'source_published: "2023-02-30" is not a date written YYYY-MM-DD' },
      { location: 'entities.csv:8', message: 'source_id: is required when source_title is empty: every row cites a source' },
      {
        location: 'entities.csv:9',
        message: 'name: differs from line 2; a repeated id only adds a citation, so leave its other cells empty or equal',
      },
    ]);
  });

  it('reports a source defined differently on two rows', () => {
    const content = lines(entityHeader, 'a,GROUP,A,,,,,src-1,Title,,,,', 'b,GROUP,B,,,,,src-1,Other title,,,,');
    expect(parseCsvEntities(content).problems).toEqual([
      { location: 'entities.csv:3', message: 'source_id: source "src-1" is defined differently on line 2' },
    ]);
  });

  it('reports CSV syntax errors with their line', () => {
    expect(parseCsvEntities(lines('id,kind,name,source_id', 'a,GROUP,A,s,extra', 'b,GROUP,"B"x,s')).problems).toEqual([
      { location: 'entities.csv:2', message: 'has a different number of cells than the header has columns' },
      { location: 'entities.csv:3', message: expect.stringMatching(/^Invalid Closing Quote/) },
    ]);
  });
});

describe('parseCsvRelationships', () => {
  it('maps the fixture', () => {
    const { document, problems } = parseCsvRelationships(fixture('relationships.csv'));
    expect(problems).toEqual([]);
    expect(document!.entities).toEqual([]);
    expect(document!.sources).toEqual([]);
    expect(document!.relationships[0]).toMatchObject({
      id: 'rel-hj-iran',
      type: 'AFFILIATED_WITH',
      from: 'homeland-justice',
      to: 'iran',
      stance: 'SUSPECTED',
      confidence: 65,
      since: null,
      until: null,
      description: 'Homeland Justice has suspected ties to Iran;\nFBI and CISA call it Iranian state cyber actors.',
      sources: [{ source: 'src-cisa', excerpt: 'Iranian state cyber actors.' }],
      disputedBy: ['denial-iran'],
      extra: null,
    });
    expect(
      document!.relationships.map((relationship) => [relationship.type, relationship.stance, relationship.since, relationship.until]),
    ).toEqual([
      ['AFFILIATED_WITH', 'SUSPECTED', null, null],
      ['CLAIMED_BY', 'CLAIMED', '2023-12-25', null],
      ['TARGETED', 'ASSERTED', '2023-12-25', '2023-12-25'],
      ['MADE_BY', 'ASSERTED', null, null],
      ['ABOUT', 'ASSERTED', null, null],
    ]);
  });

  it('splits disputed_by on |', () => {
    const { document } = parseCsvRelationships(lines(relationshipHeader, 'r,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,,d1 | d2|,s,'));
    expect(document!.relationships[0].disputedBy).toEqual(['d1', 'd2']);
  });

  it('reports bad types, stances, confidences and dates at their line', () => {
    const content = lines(
      relationshipHeader,
      'r1,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,"A description',
      'on two lines",,s,',
      'r2,BLAMES,a,,MAYBE,high,2024-01-02,2024-01-01,,,s,',
      'r3,USES,a,b,ASSERTED,101,,,,,s,',
      'r4,USES,a,b,ASSERTED,,,,,,s,',
    );
    expect(parseCsvRelationships(content, 'links.csv').problems).toEqual([
      { location: 'links.csv:4', message: 'until: (2024-01-01) is before since (2024-01-02)' },
      { location: 'links.csv:4', message: expect.stringMatching(/^type: "BLAMES" is not one of ATTRIBUTED_TO, AFFILIATED_WITH/) },
      { location: 'links.csv:4', message: 'to: is required' },
      { location: 'links.csv:4', message: 'stance: "MAYBE" is not one of ASSERTED, CLAIMED, SUSPECTED, DENIED' },
      { location: 'links.csv:4', message: 'confidence: "high" is not a whole number from 0 to 100' },
      { location: 'links.csv:5', message: 'confidence: "101" is not a whole number from 0 to 100' },
    ]);
    // An empty confidence is one the source does not state.
    expect(
      parseCsvRelationships(content.split('\n').slice(0, 1).concat('r4,USES,a,b,ASSERTED,,,,,,s,').join('\n')).document!.relationships[0]
        .confidence,
    ).toBeNull();
  });

  it('refuses a file that is not UTF-8, naming the first line that shows it', () => {
    // "Durrës" in windows-1252, read as UTF-8: the ë became U+FFFD.
    const content = lines(
      relationshipHeader,
      'r1,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,Tirana,,s,',
      'r2,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,Durr\uFFFDs,,s,',
    );
    expect(parseCsvRelationships(content, 'links.csv').problems).toEqual([
      {
        location: 'links.csv:3',
        message:
          'holds text that is not UTF-8 (a character could not be read); save the file as UTF-8, or import it with the CLI and --encoding',
      },
    ]);
  });

  it('gives back a value the export neutralised against spreadsheet formulas', () => {
    const content = lines(
      relationshipHeader,
      "r1,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,'=SUM(A1),,s,",
      "r2,ATTRIBUTED_TO,a,b,SUSPECTED,50,,,''-x,,s,",
    );
    expect(parseCsvRelationships(content).document!.relationships.map((link) => link.description)).toEqual(['=SUM(A1)', "'-x"]);
  });
});

describe('CSV evidence columns', () => {
  const header =
    'id,type,from,to,stance,confidence,source_id,source_title,source_publisher,source_reliability,source_origin,source_derived_from,excerpt,credibility';

  it('reads a source grade, origin and derivations where the row defines the source, and a credibility per citation', () => {
    const { document, problems } = parseCsvRelationships(
      lines(
        header,
        'rel-a,ATTRIBUTED_TO,inc,iran,SUSPECTED,70,src-treasury,Treasury release,U.S. Treasury,A,U.S. Department of the Treasury,,Assessed to be sponsored.,2',
        'rel-a,,,,,,src-state,State statement,U.S. State Department,A,,src-treasury | src-x,Sponsored by MOIS.,',
      ),
    );
    expect(problems).toEqual([]);
    expect(document!.sources).toEqual([
      {
        id: 'src-treasury',
        title: 'Treasury release',
        publisher: 'U.S. Treasury',
        url: null,
        published: null,
        reliability: 'A',
        origin: 'U.S. Department of the Treasury',
      },
      {
        id: 'src-state',
        title: 'State statement',
        publisher: 'U.S. State Department',
        url: null,
        published: null,
        reliability: 'A',
        derivedFrom: ['src-treasury', 'src-x'],
      },
    ]);
    expect(document!.relationships[0].sources).toEqual([
      { source: 'src-treasury', excerpt: 'Assessed to be sponsored.', credibility: 2 },
      { source: 'src-state', excerpt: 'Sponsored by MOIS.' },
    ]);
  });

  it('names the line and column of a bad grade or credibility, and of a grade given without a source to define', () => {
    const { problems } = parseCsvRelationships(
      lines(
        header,
        'rel-a,ATTRIBUTED_TO,inc,iran,SUSPECTED,70,src-t,Title,Pub,G,,,Excerpt,7',
        'rel-b,ATTRIBUTED_TO,inc,iran,SUSPECTED,70,src-t,,,B,,,Excerpt,',
      ),
    );
    expect(problems.map((problem) => problem.location + ' ' + problem.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/relationships\.csv:2.*credibility.*"7" is not a whole number from 1 to 6/),
        expect.stringMatching(/relationships\.csv:2.*source_reliability.*"G" is not one of A, B, C, D, E, F/),
        expect.stringMatching(/relationships\.csv:3.*source_reliability.*without source_title/),
      ]),
    );
  });
});
