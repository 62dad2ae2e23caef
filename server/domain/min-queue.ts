/** A binary min-heap keyed by number (keys and values in parallel arrays, so pushes allocate little). */
export class MinQueue<T> {
  private readonly keys: number[] = [];
  private readonly values: T[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** The smallest key (Infinity when empty). */
  peekKey(): number {
    return this.keys.length > 0 ? this.keys[0] : Infinity;
  }

  /** The value with the smallest key (undefined when empty). */
  peekValue(): T | undefined {
    return this.values[0];
  }

  push(key: number, value: T): void {
    const { keys, values } = this;
    let index = keys.length;
    keys.push(key);
    values.push(value);
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[index] = keys[parent];
      values[index] = values[parent];
      index = parent;
    }
    keys[index] = key;
    values[index] = value;
  }

  pop(): { key: number; value: T } | undefined {
    if (this.keys.length === 0) return undefined;
    const key = this.keys[0];
    return { key, value: this.popValue() };
  }

  /** Removes and returns the value with the smallest key (read the key first with peekKey); no allocation. */
  popValue(): T {
    const { keys, values } = this;
    const top = values[0];
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    if (keys.length > 0) {
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        if (left >= keys.length) break;
        const child = left + 1 < keys.length && keys[left + 1] < keys[left] ? left + 1 : left;
        if (keys[child] >= lastKey) break;
        keys[index] = keys[child];
        values[index] = values[child];
        index = child;
      }
      keys[index] = lastKey;
      values[index] = lastValue;
    }
    return top;
  }
}
