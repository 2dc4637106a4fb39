/**
 * A `Map<string, string>` that is a view: a subclass says what its keys are and how to read one
 * (`keys()`, `get()`: a filesystem with volumes mounted in it, a directory of the node's
 * filesystem), and its size and every other way to iterate follow from those two, so no caller
 * that walks a filesystem sees the bare Map's own storage instead of the view.
 */
export class ViewMap extends Map<string, string> {
  override get size(): number {
    let n = 0;
    for (const _key of this.keys()) n++;
    return n;
  }

  override *entries(): MapIterator<[string, string]> {
    for (const k of this.keys()) yield [k, this.get(k)!];
  }

  override *values(): MapIterator<string> {
    for (const k of this.keys()) yield this.get(k)!;
  }

  override [Symbol.iterator](): MapIterator<[string, string]> {
    return this.entries();
  }

  override forEach(fn: (value: string, key: string, map: Map<string, string>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
