import { describe, expect, it } from 'vitest';
import { highestTlp, isAboveTlp, markingIdOf, tlpLevelOf, tlpMarkings } from '../../../shared/markings.js';

const id = (name: string, version: '1.0' | '2.0') =>
  tlpMarkings.find((marking) => marking.name === name && marking.version === version)!.id;

describe('TLP markings', () => {
  it('reads a TLP level as people write it, and refuses what names none', () => {
    expect(['amber', 'TLP:AMBER', ' Amber '].map(tlpLevelOf)).toEqual(['AMBER', 'AMBER', 'AMBER']);
    expect(['amber+strict', 'AMBER_STRICT', 'tlp:amber+strict'].map(tlpLevelOf)).toEqual(['AMBER_STRICT', 'AMBER_STRICT', 'AMBER_STRICT']);
    expect(['white', 'TLP:WHITE', 'clear'].map(tlpLevelOf)).toEqual(['CLEAR', 'CLEAR', 'CLEAR']);
    expect(['', 'amber-ish', 'secret', 'TLP:'].map(tlpLevelOf)).toEqual([null, null, null, null]);
  });

  it('takes the most restricted level of TLP 1.0 and 2.0 markings alike, ignoring other markings', () => {
    const statement = 'marking-definition--3408965b-ec4a-45db-b108-f42053fb1007';
    expect(highestTlp([id('TLP:GREEN', '1.0'), id('TLP:RED', '2.0'), statement])).toBe('RED');
    expect(highestTlp([id('TLP:AMBER', '1.0'), id('TLP:AMBER+STRICT', '2.0')])).toBe('AMBER_STRICT');
    expect(highestTlp([statement])).toBeNull();
  });

  it('withholds above a ceiling only what is marked above it', () => {
    expect(isAboveTlp('RED', 'AMBER')).toBe(true);
    expect(isAboveTlp('AMBER_STRICT', 'AMBER')).toBe(true);
    expect(isAboveTlp('AMBER', 'AMBER')).toBe(false);
    expect(isAboveTlp(null, 'CLEAR')).toBe(false);
  });

  it('reads a CSV marking cell: a TLP name (TLP 2.0 where both versions have it) or a marking-definition id', () => {
    expect(markingIdOf('TLP:AMBER')).toBe(id('TLP:AMBER', '2.0'));
    expect(markingIdOf('tlp:white')).toBe(id('TLP:WHITE', '1.0'));
    expect(markingIdOf('MARKING-DEFINITION--3408965B-EC4A-45DB-B108-F42053FB1007')).toBe(
      'marking-definition--3408965b-ec4a-45db-b108-f42053fb1007',
    );
    expect(markingIdOf('confidential')).toBeNull();
  });
});
