import { describe, expect, it } from 'vitest';
import { finishPage, screenshot, useExplorer, waitForNodes } from '../support/browser.js';

// Issue 17: the incident's evidence panel leads to its Analysis of Competing Hypotheses, on the founding case.
const explorer = useExplorer();
const incident = 'inc-july-2022';

describe('the analyst weighs competing hypotheses', () => {
  it('opens the July 2022 attack’s matrix from its evidence, reads the leader, turns the matrix and reads an item’s sources', async () => {
    const page = await explorer.open(`/?focus=${incident}`);
    await waitForNodes(page, 2);
    await page.evaluate((id) => {
      (window as unknown as { cy: import('cytoscape').Core }).cy.$id(id).emit('tap');
    }, incident);
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
});
