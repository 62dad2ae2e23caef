import { describe, expect, it } from 'vitest';
import { QueryTooExpensiveError } from '../../../../server/errors.js';
import { ClientBudget } from '../../../../server/work/client-budget.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A job that runs until released, recording when it started. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { job: async () => (log.push(`start ${name}`), await done, name), release };
}

describe('ClientBudget', () => {
  it('runs at most perClient jobs of one client at once, the others in order, and other clients freely', async () => {
    const budget = new ClientBudget(2, 10);
    const log: string[] = [];
    const gates = ['a1', 'a2', 'a3', 'a4'].map((name) => gate(log, name));
    const running = gates.map((entry) => budget.run('alice', entry.job));
    const bob = gate(log, 'b1');
    const bobRuns = budget.run('bob', bob.job);
    await tick();
    expect(log).toEqual(['start a1', 'start a2', 'start b1']);
    expect(budget.load()).toEqual({ running: 3, waiting: 2 });
    gates[1].release();
    await tick();
    expect(log.at(-1)).toBe('start a3');
    gates[0].release();
    gates[2].release();
    gates[3].release();
    bob.release();
    expect(await Promise.all([...running, bobRuns])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(budget.load()).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses beyond maxWaiting with QUERY_TOO_EXPENSIVE naming MAX_HEAVY_PER_CLIENT', async () => {
    const budget = new ClientBudget(1, 1);
    const log: string[] = [];
    const first = gate(log, 'first');
    const running = budget.run('alice', first.job);
    const waiting = budget.run('alice', async () => 'second');
    const refused = await budget.run('alice', async () => 'third').catch((error) => error);
    expect(refused).toBeInstanceOf(QueryTooExpensiveError);
    expect(refused.message).toMatch(/1 heavy operations .* are running and 1 are waiting.*MAX_HEAVY_PER_CLIENT=1/);
    first.release();
    expect(await Promise.all([running, waiting])).toEqual(['first', 'second']);
  });

  it('frees the slot when a job fails', async () => {
    const budget = new ClientBudget(1, 1);
    await expect(budget.run('alice', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await budget.run('alice', async () => 'next')).toBe('next');
  });
});
