/**
 * Result cells: one JSON record per configuration and seed, written atomically
 * to `<outDir>/<paper>/cells/<id>.json`, so a sweep can be interrupted, resumed
 * (skip {@linkcode finishedCellIds}) or split into shards and merged later.
 *
 * ## Cell format (`qrepro.cell/1`)
 *
 * ```jsonc
 * {
 *   "format": "qrepro.cell/1",
 *   "id": "mnist-0-5-3q-baseline-s1",   // [A-Za-z0-9._-]+, = the file name
 *   "paper": "kd",
 *   "config": { "dataset": "mnist", "arm": "baseline", "qubits": 3 }, // grid axes, flat
 *   "seed": 1,
 *   "profile": "quick",
 *   "impl": "code",
 *   "metrics": { "testAcc": 0.9656 },    // final scalars (null = not available)
 *   "curves": { "testAcc": [0.84, 0.93] }, // optional per-epoch series, x = 1, 2, …
 *   "manifest": { … }                    // RunManifest from lib/runtime
 * }
 * ```
 *
 * @module
 */

import { type RunManifest, writeJsonAtomic } from "../runtime/mod.ts";
import { ReportError } from "./report_error.ts";

/** The format tag every cell file carries. */
export const CELL_FORMAT = "qrepro.cell/1";

/** A value of one grid axis. */
export type ConfigValue = string | number | boolean;

/** One configuration and seed of an experiment, with its results. */
export interface Cell {
  /** Unique id within the paper, [A-Za-z0-9._-]+; also the file name. */
  id: string;
  /** Grid axes of this cell (not the seed), flat. */
  config: Record<string, ConfigValue>;
  /** Seed of this cell. */
  seed: number;
  /** Run profile (smoke, quick, paper). */
  profile: string;
  /** Implementation reading (code, paper). */
  impl: string;
  /** Final scalar metrics; null where a metric is not available. */
  metrics: Record<string, number | null>;
  /** Per-epoch (or per-step) series, x = 1, 2, …. */
  curves?: Record<string, number[]>;
  /** Provenance of the run that produced the cell. */
  manifest: RunManifest | Record<string, unknown>;
}

/** A cell file that could not be used, and why. */
export interface CellProblem {
  /** File name relative to the cells directory. */
  file: string;
  /** Why it was skipped. */
  reason: string;
}

/** Options naming where reports live. */
export interface CellsOptions {
  /** Root of the reports tree. @default {"reports"} */
  outDir?: string;
}

/** Cells read from disk, with the files that were skipped. */
export interface ReadCellsResult {
  /** Valid cells, sorted by id. */
  cells: Cell[];
  /** Skipped files (corrupt, half-written, mismatched), sorted by name. */
  problems: CellProblem[];
}

const ID_RE = /^[A-Za-z0-9._-]+$/;

/**
 * The directory holding a paper's cells.
 *
 * @param paper Paper key, e.g. "kd".
 * @param options Where reports live.
 * @returns `<outDir>/<paper>/cells`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { cellsDir } from "./cells.ts";
 * assert.equal(cellsDir("kd"), "reports/kd/cells");
 * ```
 */
export function cellsDir(
  paper: string,
  { outDir = "reports" }: CellsOptions = {},
): string {
  return `${outDir}/${paper}/cells`;
}

// Check a parsed cell; returns the reason it is unusable, or null.
function cellDefect(raw: unknown, file: string): string | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return "expected a JSON object";
  }
  const c = raw as Record<string, unknown>;
  if (c.format !== CELL_FORMAT) {
    return `expected format "${CELL_FORMAT}", got ${JSON.stringify(c.format)}`;
  }
  if (typeof c.id !== "string" || `${c.id}.json` !== file) {
    return `expected id to match the file name, got ${JSON.stringify(c.id)}`;
  }
  if (typeof c.seed !== "number") return "expected seed to be a number";
  if (typeof c.profile !== "string" || typeof c.impl !== "string") {
    return "expected profile and impl strings";
  }
  const isObj = (v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObj(c.config)) return "expected config to be an object";
  if (!isObj(c.metrics)) return "expected metrics to be an object";
  if (!isObj(c.manifest)) return "expected manifest to be an object";
  for (const [k, v] of Object.entries(c.metrics as object)) {
    if (v !== null && typeof v !== "number") {
      return `expected metrics.${k} to be a number or null`;
    }
  }
  if (c.curves !== undefined) {
    if (!isObj(c.curves)) return "expected curves to be an object";
    for (const [k, v] of Object.entries(c.curves as object)) {
      if (!Array.isArray(v) || !v.every((x) => typeof x === "number")) {
        return `expected curves.${k} to be an array of numbers`;
      }
    }
  }
  return null;
}

/**
 * Write one cell atomically to `<outDir>/<paper>/cells/<cell.id>.json`.
 *
 * @param paper Paper key, e.g. "kd".
 * @param cell The cell; non-finite metrics are stored as null.
 * @param options Where reports live.
 * @returns The path written.
 * @throws {ReportError} If the id is not file-safe.
 *
 * @example Write, then resume
 * ```ts
 * import assert from "node:assert/strict";
 * import { finishedCellIds, writeCell } from "./cells.ts";
 * const outDir = await Deno.makeTempDir();
 * await writeCell("demo", {
 *   id: "a-s1", config: { arm: "a" }, seed: 1, profile: "smoke", impl: "code",
 *   metrics: { acc: 0.5 }, manifest: {},
 * }, { outDir });
 * assert.deepEqual([...await finishedCellIds("demo", { outDir })], ["a-s1"]);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function writeCell(
  paper: string,
  cell: Cell,
  { outDir = "reports" }: CellsOptions = {},
): Promise<string> {
  if (!ID_RE.test(cell.id)) {
    throw new ReportError(
      `Cannot write cell for "${paper}": expected id to match ${ID_RE.source}, got "${cell.id}"`,
    );
  }
  const metrics: Record<string, number | null> = {};
  for (const [k, v] of Object.entries(cell.metrics)) {
    metrics[k] = v !== null && Number.isFinite(v) ? v : null;
  }
  const record = { format: CELL_FORMAT, ...cell, paper, metrics };
  const path = `${cellsDir(paper, { outDir })}/${cell.id}.json`;
  await writeJsonAtomic(path, record);
  return path;
}

/**
 * Read every cell of a paper, skipping (and naming) corrupt, half-written or
 * mismatched files. Leftover `*.json.tmp-*` files of an interrupted atomic write
 * are reported as problems too.
 *
 * @param paper Paper key.
 * @param options Where reports live.
 * @returns Valid cells sorted by id, and problems sorted by file name; both
 *   empty when the directory does not exist.
 *
 * @example A corrupt file is reported by name
 * ```ts
 * import assert from "node:assert/strict";
 * import { readCells } from "./cells.ts";
 * const outDir = await Deno.makeTempDir();
 * await Deno.mkdir(`${outDir}/demo/cells`, { recursive: true });
 * await Deno.writeTextFile(`${outDir}/demo/cells/x.json`, "{\"form");
 * const { cells, problems } = await readCells("demo", { outDir });
 * assert.equal(cells.length, 0);
 * assert.equal(problems[0].file, "x.json");
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function readCells(
  paper: string,
  options: CellsOptions = {},
): Promise<ReadCellsResult> {
  const dir = cellsDir(paper, options);
  const cells: Cell[] = [];
  const problems: CellProblem[] = [];
  let entries: Deno.DirEntry[];
  try {
    entries = await Array.fromAsync(Deno.readDir(dir));
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return { cells, problems };
    throw err;
  }
  for (const entry of entries) {
    const file = entry.name;
    if (!entry.isFile) continue;
    if (/\.json\.tmp-/.test(file)) {
      problems.push({
        file,
        reason: "leftover temporary file of an interrupted write",
      });
      continue;
    }
    if (!file.endsWith(".json")) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(await Deno.readTextFile(`${dir}/${file}`));
    } catch (err) {
      problems.push({
        file,
        reason: `invalid JSON (corrupt or half-written): ${
          (err as Error).message
        }`,
      });
      continue;
    }
    const defect = cellDefect(raw, file);
    if (defect) problems.push({ file, reason: defect });
    else cells.push(raw as Cell);
  }
  cells.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { cells, problems };
}

/**
 * Ids of the cells already finished (valid files), so an interrupted run can
 * skip them.
 *
 * @param paper Paper key.
 * @param options Where reports live.
 * @returns The set of valid cell ids.
 *
 * @example Nothing finished yet
 * ```ts
 * import assert from "node:assert/strict";
 * import { finishedCellIds } from "./cells.ts";
 * assert.equal((await finishedCellIds("demo", { outDir: "/nonexistent" })).size, 0);
 * ```
 */
export async function finishedCellIds(
  paper: string,
  options: CellsOptions = {},
): Promise<Set<string>> {
  const { cells } = await readCells(paper, options);
  return new Set(cells.map((c) => c.id));
}
