/**
 * Merge a paper's cells into `results.csv` and `results.json`, tolerating
 * missing, corrupt and half-written cells and naming them.
 *
 * @module
 */

import { stringify } from "csv-stringify/sync";
import { writeFileAtomic, writeJsonAtomic } from "../runtime/mod.ts";
import {
  type Cell,
  type CellProblem,
  type CellsOptions,
  readCells,
} from "./cells.ts";

/** Options of {@linkcode mergeCells}. */
export interface MergeCellsOptions extends CellsOptions {
  /** Ids the full grid should contain; those without a valid cell are listed as missing. @default {[]} */
  expected?: string[];
}

/** What {@linkcode mergeCells} found and wrote. */
export interface MergeResult {
  /** Valid cells, sorted by id. */
  cells: Cell[];
  /** Skipped files and why. */
  problems: CellProblem[];
  /** Expected ids with no valid cell, sorted. */
  missing: string[];
  /** Path of the CSV written. */
  csvPath: string;
  /** Path of the JSON written. */
  jsonPath: string;
}

/**
 * The flat table of cells: one row per cell with `id, seed, profile, impl`, the
 * config axes, then the metrics (columns sorted by name; a metric that shares a
 * name with an axis is prefixed `metric.`).
 *
 * @param cells Cells, in row order.
 * @returns Header and rows; absent values are "".
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellTable } from "./merge_cells.ts";
 * const t = cellTable([{ id: "a", config: { arm: "x" }, seed: 1, profile: "smoke",
 *   impl: "code", metrics: { acc: 0.5 }, manifest: {} }]);
 * assert.deepEqual(t.header, ["id", "seed", "profile", "impl", "arm", "acc"]);
 * assert.deepEqual(t.rows[0], ["a", "1", "smoke", "code", "x", "0.5"]);
 * ```
 */
export function cellTable(
  cells: Cell[],
): { header: string[]; rows: string[][] } {
  const configKeys = [...new Set(cells.flatMap((c) => Object.keys(c.config)))]
    .sort();
  const metricKeys = [...new Set(cells.flatMap((c) => Object.keys(c.metrics)))]
    .sort();
  const fixed = new Set(["id", "seed", "profile", "impl", ...configKeys]);
  const metricCols = metricKeys.map((k) => (fixed.has(k) ? `metric.${k}` : k));
  const text = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  const rows = cells.map((c) => [
    c.id,
    String(c.seed),
    c.profile,
    c.impl,
    ...configKeys.map((k) => text(c.config[k])),
    ...metricKeys.map((k) => text(c.metrics[k])),
  ]);
  return {
    header: ["id", "seed", "profile", "impl", ...configKeys, ...metricCols],
    rows,
  };
}

/**
 * Read all cells of a paper and write `<outDir>/<paper>/results.csv` (the flat
 * {@linkcode cellTable}) and `results.json` (cells, problems, missing ids).
 * Same cells give byte-identical files.
 *
 * @param paper Paper key.
 * @param options Where reports live, and the expected cell ids.
 * @returns Cells, problems, missing ids and the paths written.
 *
 * @example A partial run: one cell written, two expected
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeCell } from "./cells.ts";
 * import { mergeCells } from "./merge_cells.ts";
 * const outDir = await Deno.makeTempDir();
 * await writeCell("demo", { id: "a-s1", config: { arm: "a" }, seed: 1, profile: "smoke",
 *   impl: "code", metrics: { acc: 0.5 }, manifest: {} }, { outDir });
 * const r = await mergeCells("demo", { outDir, expected: ["a-s1", "b-s1"] });
 * assert.deepEqual(r.missing, ["b-s1"]);
 * assert.match(await Deno.readTextFile(r.csvPath), /^id,seed,profile,impl,arm,acc\n/);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function mergeCells(
  paper: string,
  { outDir = "reports", expected = [] }: MergeCellsOptions = {},
): Promise<MergeResult> {
  const { cells, problems } = await readCells(paper, { outDir });
  const have = new Set(cells.map((c) => c.id));
  const missing = [...new Set(expected)].filter((id) => !have.has(id)).sort();
  const { header, rows } = cellTable(cells);
  const csvPath = `${outDir}/${paper}/results.csv`;
  const jsonPath = `${outDir}/${paper}/results.json`;
  await writeFileAtomic(
    csvPath,
    stringify([header, ...rows], { record_delimiter: "unix" }),
  );
  await writeJsonAtomic(jsonPath, {
    format: "qrepro.results/1",
    paper,
    cells,
    problems,
    missing,
  });
  return { cells, problems, missing, csvPath, jsonPath };
}
