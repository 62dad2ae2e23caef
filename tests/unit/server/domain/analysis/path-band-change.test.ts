import { describe, expect, it } from 'vitest';
import { describePathBand } from '../../../../../server/domain/analysis/path-band-change.js';

const names = ['Homeland Justice', 'Iran', 'MOIS'];

describe("the sentence for a chosen path's band", () => {
  it('says the band moved, or stayed, with the support on both days', () => {
    const low = { known: true as const, band: 'LOW' as const, support: 0.412 };
    const high = { known: true as const, band: 'HIGH' as const, support: 0.78 };
    expect(describePathBand(names, low, high, '2022-08-01', '2022-09-30')).toBe(
      'Path Homeland Justice → Iran → MOIS moved from LOW to HIGH (support 0.41 → 0.78).',
    );
    expect(describePathBand(names, high, { ...high, support: 0.9 }, '2022-08-01', '2022-09-30')).toBe(
      'Path Homeland Justice → Iran → MOIS stayed HIGH (support 0.78 → 0.90).',
    );
  });

  it('names the step nothing known linked yet when the path was not known on a day', () => {
    const unknown = { known: false as const, missingStep: { from: 'Homeland Justice', to: 'Iran' } };
    expect(describePathBand(names, unknown, { known: true, band: 'MODERATE', support: 0.528 }, '2022-08-01', '2022-09-30')).toBe(
      'Path Homeland Justice → Iran → MOIS was not known on 2022-08-01 (nothing known then links Homeland Justice and Iran); ' +
        'MODERATE on 2022-09-30 (support 0.53).',
    );
  });
});
