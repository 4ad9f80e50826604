/**
 * A Map that never holds more than `capacity` entries: past it, the oldest entry goes. For
 * memo tables fed by user input (question words), which must not grow with every new question.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    if (!this.entries.has(key) && this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, value);
  }

  get size(): number {
    return this.entries.size;
  }
}
