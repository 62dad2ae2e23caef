import { describe, expect, it } from 'vitest';
import { finishPage, screenshot, useExplorer, waitForNodes, tapElement } from '../support/browser.js';

// Issue 17: the incident's evidence panel leads to its Analysis of Competing Hypotheses, and the time bar offers the
// two clocks (event time, knowledge time) and what changed between two knowledge dates, on the founding case.
const explorer = useExplorer();
const incident = 'inc-july-2022';

describe('the analyst weighs competing hypotheses', () => {
  it('opens the July 2022 attack’s matrix from its evidence, reads the leader, turns the matrix and reads an item’s sources', async () => {
    const page = await explorer.open(`/?focus=${incident}`);
    await waitForNodes(page, 2);
    await tapElement(page, incident);
    await page.getByTestId('evidence-analyse').click();
    const panel = page.getByTestId('ach-panel');
    await panel.getByTestId('ach-matrix').waitFor();

    // The leader and the sensitivity result in words, as the server worked them out (hypothesis-matrix.test.ts).
    const summary = await panel.getByTestId('ach-summary').textContent();
    expect(summary).toContain('Iran (state, with Ministry of Intelligence and Security of Iran) is the least inconsistent hypothesis');
    expect(summary).toContain('No single source or evidence item, removed, changes the leading hypothesis.');

    // Hypotheses in rows, best first; no denial among them; Iran once.
    const hypotheses = await panel.getByTestId('ach-hypothesis').allTextContents();
    expect(hypotheses[0]).toMatch(/^1\. Iran \(state/);
    expect(hypotheses.some((label) => /Homeland Justice acting alone/.test(label))).toBe(true);
    expect(hypotheses.filter((label) => /Iran \(state/.test(label))).toHaveLength(1);
    expect(hypotheses.some((label) => /denial|denies/i.test(label))).toBe(false);

    // The legend names every rating, and every cell wears its rating's colour.
    expect(await panel.getByTestId('ach-legend').textContent()).toMatch(
      /CC very consistent.*C consistent.*N neutral.*I inconsistent.*II very inconsistent.*NA not applicable/,
    );
    const cellClasses = await panel.getByTestId('ach-cell').evaluateAll((cells) => cells.map((cell) => [cell.textContent, cell.className]));
    expect(cellClasses.length).toBeGreaterThan(0);
    for (const [rating, className] of cellClasses) expect(className).toContain(`rating-${rating}`);

    // Evidence most diagnostic first.
    const diagnosticity = await panel
      .getByTestId('ach-evidence')
      .evaluateAll((buttons) => buttons.map((button) => Number(/Diagnosticity ([\d.]+)/.exec(button.getAttribute('title') ?? '')?.[1])));
    expect(diagnosticity.every((value) => !Number.isNaN(value))).toBe(true);
    expect(diagnosticity).toEqual([...diagnosticity].sort((a, b) => b - a));

    await screenshot(page, 'ach-1-july-2022-rows');

    // Hypotheses as columns: the first column is the evidence, the hypotheses head the others.
    await panel.getByTestId('ach-orientation').click();
    expect(await panel.locator('thead th').first().textContent()).toBe('Evidence');
    expect(await panel.getByTestId('ach-orientation').textContent()).toBe('Hypotheses as rows');

    // Clicking an evidence item shows its sources, with excerpts.
    await panel.getByTestId('ach-evidence').first().click();
    await panel.getByTestId('ach-sources').getByTestId('source').first().waitFor();
    expect(await panel.getByTestId('ach-sources').getByTestId('source').count()).toBeGreaterThan(0);
    await finishPage(page, 'ach-2-july-2022-columns-sources');
  });

  it('opened from its tab with no matrix yet, offers the incidents on the canvas, and one click weighs one', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 5, 90_000);
    const onCanvas = await page.evaluate(() =>
      (window as unknown as { cy: import('cytoscape').Core }).cy
        .nodes('[kind = "INCIDENT"]')
        .map((node) => String(node.data('name')))
        .sort((a, b) => a.localeCompare(b)),
    );
    expect(onCanvas.length).toBeGreaterThan(1);
    await page.getByRole('tab', { name: 'Hypotheses' }).click();
    const panel = page.getByTestId('ach-panel');
    expect(await panel.getByTestId('ach-offer').allTextContents()).toEqual(onCanvas);
    await screenshot(page, 'ach-0-offers');
    await panel.getByTestId('ach-offer').filter({ hasText: 'July 2022' }).click();
    await panel.getByTestId('ach-matrix').waitFor();
    expect(await panel.getByTestId('ach-summary').textContent()).toContain('is the least inconsistent hypothesis');
    await finishPage(page, 'ach-0-offer-opened');
  });

  it('turns the time bar to knowledge time: what was known on 1 August and on 22 September 2022, and what changed', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 20);
    await page.getByTestId('timebar-clock-knowledge').click();
    expect(await page.getByTestId('timebar-clock-knowledge').getAttribute('aria-pressed')).toBe('true');

    // What the canvas shows, and when each of its elements became known.
    const canvas = () =>
      page.evaluate(() =>
        (window as unknown as { cy: import('cytoscape').Core }).cy.elements().map((element) => ({
          id: element.id(),
          knownSince: element.data('knownSince') as string | null,
          shown: !element.hasClass('filtered') && !element.hasClass('hidden'),
        })),
      );
    const before = await canvas();
    // Every element of the founding case has a knowledge date (a dated source, else when it was recorded).
    expect(before.filter((element) => !element.id.startsWith('group:') && element.knownSince === null)).toEqual([]);

    const knownBy = async (day: string) => {
      await page.getByTestId('timebar-knownasof').fill(day);
      await page.getByTestId('timebar-knownasof').dispatchEvent('change');
      await expect.poll(() => page.getByTestId('timebar-range').textContent()).toContain(`as known on ${day}`);
      return canvas();
    };
    // Nothing first published after 1 August 2022 is shown; what is hidden is hidden for that reason alone.
    const august = await knownBy('2022-08-01');
    expect(august.filter((element) => element.shown && element.knownSince! > '2022-08-01')).toEqual([]);
    expect(august.filter((element) => !element.shown).length).toBeGreaterThan(10);
    expect(page.url()).toContain('knownAsOf=2022-08-01');

    // The FBI/CISA advisory AA22-264A (published 2022-09-21) ties Homeland Justice to Iran: shown from 22 September.
    const advisoryLink = 'rel-hj-affiliated-iran';
    expect(august.find((element) => element.id === advisoryLink)?.shown).toBe(false);
    const september = await knownBy('2022-09-22');
    expect(september.find((element) => element.id === advisoryLink)).toMatchObject({ knownSince: '2022-09-21', shown: true });
    expect(september.filter((element) => element.shown && element.knownSince! > '2022-09-22')).toEqual([]);
    expect(september.find((element) => element.id === 'rel-parliament-claimed-by-hj')?.shown).toBe(false);
    await screenshot(page, 'two-clocks-1-known-by-2022-09-22');

    // The hypotheses as known that day.
    await tapElement(page, 'inc-july-2022');
    await page.getByTestId('evidence-analyse').click();
    await expect.poll(() => page.getByTestId('ach-clock').textContent()).toBe('Competing hypotheses · as known on 2022-09-22');

    // What changed between 1 August and 30 September 2022 about what is on the canvas.
    await page.getByTestId('timebar-changes').click();
    const dialog = page.getByTestId('changes-view');
    await dialog.getByTestId('changes-from').fill('2022-08-01');
    await dialog.getByTestId('changes-to').fill('2022-09-30');
    await dialog.getByTestId('changes-compare').click();
    await expect
      .poll(() => dialog.getByTestId('changes-headline').textContent())
      .toMatch(/^Between 2022-08-01 and 2022-09-30: \d+ links became known/);
    const listed = await dialog.getByTestId('change').allTextContents();
    expect(listed.some((text) => /2022-09-21.*Homeland Justice.*Iran.*first reported by.*AA22-264A/.test(text))).toBe(true);
    const ranking = await dialog.getByTestId('changes-rankings').textContent();
    expect(ranking).toContain(
      'no hypothesis led on 2022-08-01; Iran (state, with Ministry of Intelligence and Security of Iran) leads on 2022-09-30',
    );
    await screenshot(page, 'two-clocks-2-what-changed');

    // From the diff back to the canvas as it was known on the first day.
    await dialog.getByTestId('changes-show-from').click();
    await expect.poll(() => page.getByTestId('timebar-knownasof').inputValue()).toBe('2022-08-01');
    await finishPage(page, 'two-clocks-3-back-to-2022-08-01');
  });

  it('follows the chosen path through what changed: its band on both days, in the What changed dialog', async () => {
    const page = await explorer.open('/?from=homeland-justice&to=sanc-us-mois-2022');
    await page.waitForFunction(() => (window as unknown as { cy: import('cytoscape').Core }).cy.$('.path').length > 0, undefined, {
      timeout: 30_000,
    });
    const first = page.getByTestId('path-result').first();
    expect(await first.getByTestId('path-reading').textContent()).toContain('Homeland Justice is affiliated with Iran (suspected)');
    await first.getByTestId('path-what-changed').click();
    const dialog = page.getByTestId('changes-view');
    expect(await dialog.getByTestId('changes-path').textContent()).toContain(
      "Homeland Justice → Iran → Ministry of Intelligence and Security of Iran → US Treasury sanctions on Iran's Ministry of Intelligence and Security",
    );
    // It opens on the first day the whole path was known: its last step to become known is the advisory's (2022-09-21).
    expect(await dialog.getByTestId('changes-from').inputValue()).toBe('2022-09-21');
    await dialog.getByTestId('changes-path-band').waitFor();

    // Between 1 August and 30 September 2022 (hand-worked in tests/integration/two-clocks.test.ts).
    await dialog.getByTestId('changes-from').fill('2022-08-01');
    await dialog.getByTestId('changes-to').fill('2022-09-30');
    await dialog.getByTestId('changes-compare').click();
    const band = dialog.getByTestId('change-path-band');
    await expect
      .poll(() => band.textContent())
      .toContain('was not known on 2022-08-01 (nothing known then links Homeland Justice and Iran)');
    expect(await band.textContent()).toContain('MODERATE on 2022-09-30 (support 0.53).');
    expect(await band.getByTestId('changes-band-before').textContent()).toBe('not known');
    expect(await band.getByTestId('changes-band-after').textContent()).toBe('Moderate confidence');
    // The band is its own line, not counted among the changes of the headline.
    expect(await dialog.getByTestId('changes-headline').textContent()).toMatch(
      /^Between 2022-08-01 and 2022-09-30: \d+ links became known/,
    );
    await screenshot(page, 'what-changed-path');

    // Later, the seed article (inferred 2023-12-31) and OODA Loop corroborate the first step: the support rises, the band stays.
    await dialog.getByTestId('changes-from').fill('2022-09-30');
    await dialog.getByTestId('changes-to').fill('2024-03-01');
    await dialog.getByTestId('changes-compare').click();
    await expect.poll(() => band.textContent()).toContain('stayed MODERATE (support 0.53 → 0.81).');
    await finishPage(page, 'what-changed-path-2024');
  });

  it('shows the seed article’s inferred publication date, and how it was inferred, in the evidence panel', async () => {
    const page = await explorer.open('/');
    await waitForNodes(page, 20);
    await tapElement(page, 'rel-hj-affiliated-iran');
    const panel = page.getByTestId('evidence-panel');
    await panel.getByTestId('source-excerpt').first().waitFor();
    const seed = panel.getByTestId('source').filter({ hasText: 'b2bdaily.com' }).first();
    expect(await seed.textContent()).toContain('b2bdaily.com · 2023-12-31 (inferred)');
    expect(await seed.getByTestId('source-date-note').textContent()).toMatch(
      /^Publication date inferred: The article states no date\..*“Reports from local media emerged earlier this week”/,
    );
    // A stated date reads as it is.
    const advisory = panel.getByTestId('source').filter({ hasText: 'AA22-264A' }).first();
    expect(await advisory.textContent()).toContain('2022-09-21');
    expect(await advisory.getByTestId('source-date-note').count()).toBe(0);
    await finishPage(page, 'evidence-inferred-date');
  });
});
