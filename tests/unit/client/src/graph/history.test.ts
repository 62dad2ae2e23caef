import { describe, expect, it } from 'vitest';
import { UndoStack } from '../../../../../client/src/graph/history';

function counter() {
  const state = { value: 0 };
  const add = (n: number) => ({ label: `add ${n}`, undo: () => void (state.value -= n), redo: () => void (state.value += n) });
  return { state, add };
}

describe('UndoStack', () => {
  it('undoes and redoes in order', () => {
    const { state, add } = counter();
    const stack = new UndoStack();
    for (const n of [1, 2, 3]) {
      state.value += n;
      stack.push(add(n));
    }
    expect(stack.undo()?.label).toBe('add 3');
    expect(stack.undo()?.label).toBe('add 2');
    expect(state.value).toBe(1);
    expect(stack.redo()?.label).toBe('add 2');
    expect(state.value).toBe(3);
    expect(stack.canRedo).toBe(true);
  });

  it('forgets the redo branch when a new action is done', () => {
    const { state, add } = counter();
    const stack = new UndoStack();
    state.value += 1;
    stack.push(add(1));
    stack.undo();
    state.value += 5;
    stack.push(add(5));
    expect(stack.canRedo).toBe(false);
    expect(stack.redo()).toBeUndefined();
  });

  it('does nothing when empty and keeps at most `limit` commands', () => {
    const { add } = counter();
    const stack = new UndoStack(2);
    expect(stack.undo()).toBeUndefined();
    stack.push(add(1));
    stack.push(add(2));
    stack.push(add(3));
    expect(stack.undo()?.label).toBe('add 3');
    expect(stack.undo()?.label).toBe('add 2');
    expect(stack.undo()).toBeUndefined();
    stack.clear();
    expect(stack.canUndo || stack.canRedo).toBe(false);
  });
});
