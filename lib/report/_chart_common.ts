// Private helpers shared by the Vega-Lite spec builders (chart_specs.ts,
// scatter_spec.ts): one chart size and schema, and seeded-cell grouping.

import type { Cell, ConfigValue } from "./cells.ts";

/** The Vega-Lite schema every spec names. */
export const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";
/** Plot width in px, equal for every figure so a page reads as one. */
export const WIDTH = 520;
/** Plot height in px. */
export const HEIGHT = 300;

// Sort config values: numbers numerically, then strings.
function compareValues(a: ConfigValue, b: ConfigValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Cells grouped by `config[key]` (cells without the key dropped), groups in value order. */
export function groupBy(cells: Cell[], key: string): [string, Cell[]][] {
  const groups = new Map<ConfigValue, Cell[]>();
  for (const c of cells) {
    const v = c.config[key];
    if (v === undefined) continue;
    groups.set(v, [...(groups.get(v) ?? []), c]);
  }
  return [...groups.entries()].sort((a, b) => compareValues(a[0], b[0])).map((
    [k, v],
  ) => [String(k), v]);
}

/** Ten significant digits, so float noise does not change the files; null for NaN. */
export const round = (
  x: number,
) => (Number.isFinite(x) ? Number(x.toPrecision(10)) : null);
