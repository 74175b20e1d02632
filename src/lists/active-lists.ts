import { ListCode, ListEntry } from './list-entry';

/** What is known of the active version of one list code. */
export interface ActiveListVersion {
  versionId: number;
  code: ListCode;
  importId: string;
  format: string;
  fileName: string;
  sha256: string;
  /** publish date found in the file, if any */
  publishDate: string | null;
  entryCount: number;
  importedAt: string;
  sample: boolean;
}

/**
 * The active restricted-party lists, in memory (DESIGN: a request does no I/O but the decision write).
 * Replaced per list code; every change bumps `generation` and tells the listeners once,
 * so the screening index is rebuilt once per version, not per request.
 */
export class ActiveLists {
  private readonly versions = new Map<ListCode, ActiveListVersion>();
  private readonly entries = new Map<ListCode, ListEntry[]>();
  private readonly listeners: ((generation: number) => void)[] = [];
  private gen = 0;

  get generation(): number {
    return this.gen;
  }

  /** Replace the active versions of the given codes in one step. */
  replace(updates: { version: ActiveListVersion; entries: ListEntry[] }[], deactivate: ListCode[] = []): void {
    for (const code of deactivate) {
      this.versions.delete(code);
      this.entries.delete(code);
    }
    for (const u of updates) {
      this.versions.set(u.version.code, u.version);
      this.entries.set(u.version.code, u.entries);
    }
    this.gen++;
    for (const l of this.listeners) l(this.gen);
  }

  onChange(listener: (generation: number) => void): void {
    this.listeners.push(listener);
  }

  isEmpty(): boolean {
    return this.versions.size === 0;
  }

  /** True when any active list is the bundled sample. */
  hasSample(): boolean {
    return [...this.versions.values()].some((v) => v.sample);
  }

  activeVersions(): ActiveListVersion[] {
    return [...this.versions.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  version(code: ListCode): ActiveListVersion | undefined {
    return this.versions.get(code);
  }

  entriesOf(code: ListCode): readonly ListEntry[] {
    return this.entries.get(code) ?? [];
  }

  allEntries(): ListEntry[] {
    const out: ListEntry[] = [];
    for (const list of this.entries.values()) for (const e of list) out.push(e);
    return out;
  }

  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const v of this.activeVersions()) out[v.code] = v.entryCount;
    return out;
  }

  /** Per code, the date a decision cites: the file's publish date, else the import date. */
  versionDates(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of this.activeVersions()) out[v.code] = v.publishDate ?? v.importedAt.slice(0, 10);
    return out;
  }

  versionIds(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const v of this.activeVersions()) out[v.code] = v.versionId;
    return out;
  }

  /** Codes whose active version is older than maxAgeDays on `now` (age from publish date, else import date). */
  staleCodes(maxAgeDays: number, now: Date): { code: ListCode; asOf: string; ageDays: number }[] {
    const out: { code: ListCode; asOf: string; ageDays: number }[] = [];
    for (const v of this.activeVersions()) {
      const asOf = v.publishDate ?? v.importedAt.slice(0, 10);
      const ageDays = Math.floor((now.getTime() - Date.parse(asOf + 'T00:00:00Z')) / 86_400_000);
      if (ageDays > maxAgeDays) out.push({ code: v.code, asOf, ageDays });
    }
    return out;
  }
}
