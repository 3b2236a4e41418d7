// Private: group the run manifests of a page's cells for display.

import type { Cell } from "./cells.ts";

/** Cells that ran with the same versions, backend and commit. */
export interface ManifestGroup {
  /** Display fields (key, value), sorted by key. */
  fields: [string, string][];
  /** Number of cells in the group. */
  nCells: number;
  /** Earliest and latest `startedAt` (ISO), or "" when absent. */
  firstStart: string;
  lastStart: string;
  /** Sum and maximum of `wallS` over the cells. */
  totalWallS: number;
  maxWallS: number;
}

const SKIP = new Set(["config", "seed", "profile", "startedAt", "wallS"]);

function display(key: string, value: unknown): string {
  if (key === "deno" && typeof value === "object" && value !== null) {
    const v = value as Record<string, unknown>;
    return `deno ${v.deno}, v8 ${v.v8}, typescript ${v.typescript}`;
  }
  if (value === null || value === undefined) return "unknown";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Group cells by their manifest's version/backend/commit fields. */
export function summariseManifests(cells: Cell[]): ManifestGroup[] {
  const groups = new Map<string, ManifestGroup>();
  for (const cell of cells) {
    const m = cell.manifest as Record<string, unknown>;
    const fields = Object.keys(m).filter((k) => !SKIP.has(k)).sort().map((
      k,
    ): [string, string] => [
      k,
      display(k, m[k]),
    ]);
    const key = JSON.stringify(fields);
    const g = groups.get(key) ??
      {
        fields,
        nCells: 0,
        firstStart: "",
        lastStart: "",
        totalWallS: 0,
        maxWallS: 0,
      };
    g.nCells++;
    const start = typeof m.startedAt === "string" ? m.startedAt : "";
    if (start && (!g.firstStart || start < g.firstStart)) g.firstStart = start;
    if (start && start > g.lastStart) g.lastStart = start;
    const wall = typeof m.wallS === "number" ? m.wallS : 0;
    g.totalWallS += wall;
    g.maxWallS = Math.max(g.maxWallS, wall);
    groups.set(key, g);
  }
  return [...groups.entries()].sort((
    a,
    b,
  ) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, g]) => g);
}
