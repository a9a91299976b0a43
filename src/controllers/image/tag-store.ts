/**
 * The tags of each ImageRepository's last good scan, kept in memory by the controller
 * (Flux keeps them in its database). A failed scan leaves the entry alone, so policies
 * keep choosing from the last good list; a restart empties the store and the
 * repositories scan again before their policies read it.
 */
export interface StoredTags {
  tags: string[];
  scanTime: Date;
  canonicalName: string;
}

export class TagStore {
  private readonly entries = new Map<string, StoredTags>();

  get(namespace: string, name: string): StoredTags | undefined {
    return this.entries.get(`${namespace}/${name}`);
  }

  set(namespace: string, name: string, entry: StoredTags): void {
    this.entries.set(`${namespace}/${name}`, entry);
  }

  delete(namespace: string, name: string): void {
    this.entries.delete(`${namespace}/${name}`);
  }
}
