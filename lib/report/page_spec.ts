/**
 * The page description an experiment declares: which figures and tables its
 * report page shows, computed from the cells. Experiments never write HTML; they
 * save a {@linkcode PageSpec} with {@linkcode writePageSpec} (to
 * `<outDir>/<paper>/page.json`) and `deno task report` renders it.
 *
 * @module
 */

import { writeJsonAtomic } from "../runtime/mod.ts";
import type { Cell } from "./cells.ts";
import { figureProblem, type FigureSpec, type Where } from "./figure_spec.ts";
import { ReportError } from "./report_error.ts";

/** One row of a "paper | reproduced | Δ | note" table. */
export interface TableRow {
  /** Row label. */
  label: string;
  /** Claim id giving the paper column; "—" when absent. */
  claim?: string;
  /** Key in `cell.metrics` for the reproduced column. */
  metric: string;
  /** Cells pooled over seeds for this row. */
  where: Where;
  /** Multiply reproduced values by this to reach the claim's unit. @default {1} */
  scale?: number;
  /** Baseline cells: adds "vs baseline: Δ [95% CI], Welch p" to the note. */
  versus?: Where;
  /** Extra note. */
  note?: string;
}

/** A comparison table. */
export interface TableSpec {
  /** File-safe id, unique in the page. */
  id: string;
  /** Title shown above the table. */
  title: string;
  /** Rows in display order. */
  rows: TableRow[];
  /** Caption under the table. */
  caption?: string;
}

/** What a paper's report page shows. */
export interface PageSpec {
  /** Paper key, e.g. "kd". */
  paper: string;
  /** Page heading. */
  title: string;
  /** How the numbers were produced (data, splits, seeds, what differs from the paper). */
  protocol: string;
  /** Every cell id of the full grid; absent ones are listed as missing. @default {[]} */
  expected?: string[];
  /** Known inconsistencies of the paper, added to those of the claims file. @default {[]} */
  inconsistencies?: string[];
  /** Figures in display order. */
  figures: FigureSpec[];
  /** Tables in display order. */
  tables: TableSpec[];
}

const ID_RE = /^[A-Za-z0-9._-]+$/;

/**
 * Validate a page description (e.g. parsed from `page.json`).
 *
 * @param raw The parsed value.
 * @param name File name used in error messages.
 * @returns The page description.
 * @throws {ReportError} On a missing field, an unknown figure kind, a scatter
 *   figure without string `x`, `y` and `color`, an image `src` that is not a
 *   relative ".png" path inside the paper's folder, or a duplicate or
 *   non-file-safe figure or table id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validatePageSpec } from "./page_spec.ts";
 * const page = validatePageSpec({ paper: "kd", title: "KD", protocol: "p",
 *   figures: [], tables: [] }, "page.json");
 * assert.equal(page.paper, "kd");
 * assert.throws(() => validatePageSpec({ paper: "kd" }, "page.json"), /title/);
 * const image = { kind: "image", id: "im", title: "I", src: "../other/a.png" };
 * assert.throws(() => validatePageSpec({ ...page, figures: [image] }, "page.json"),
 *   /image figure "im" src/);
 * ```
 */
export function validatePageSpec(raw: unknown, name: string): PageSpec {
  const fail = (detail: string): never => {
    throw new ReportError(`Cannot read page description "${name}": ${detail}`);
  };
  if (typeof raw !== "object" || raw === null) fail("expected a JSON object");
  const p = raw as Record<string, unknown>;
  for (const key of ["paper", "title", "protocol"]) {
    if (typeof p[key] !== "string") {
      fail(`expected ${key} to be a string, got ${typeof p[key]}`);
    }
  }
  if (!Array.isArray(p.figures) || !Array.isArray(p.tables)) {
    fail("expected figures and tables arrays");
  }
  const ids = new Set<string>();
  for (
    const item of [...(p.figures as unknown[]), ...(p.tables as unknown[])]
  ) {
    const id = (item as { id?: unknown })?.id;
    if (typeof id !== "string" || !ID_RE.test(id)) {
      fail(
        `expected a file-safe figure or table id, got ${JSON.stringify(id)}`,
      );
    }
    if (ids.has(id as string)) fail(`duplicate figure or table id "${id}"`);
    ids.add(id as string);
  }
  for (const f of p.figures as unknown[]) {
    const problem = figureProblem(f);
    if (problem !== undefined) fail(problem);
  }
  for (const t of p.tables as { rows?: unknown; id: string }[]) {
    if (!Array.isArray(t.rows)) {
      fail(`expected table "${t.id}" rows to be an array`);
    }
  }
  return raw as PageSpec;
}

/**
 * Save a page description to `<outDir>/<paper>/page.json`, where
 * `deno task report` finds it.
 *
 * @param page The page description.
 * @param options Where reports live (`outDir`, default "reports").
 * @returns The path written.
 * @throws {ReportError} If the description is invalid.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readPageSpec, writePageSpec } from "./page_spec.ts";
 * const outDir = await Deno.makeTempDir();
 * await writePageSpec({ paper: "demo", title: "Demo", protocol: "smoke", figures: [],
 *   tables: [] }, { outDir });
 * assert.equal((await readPageSpec("demo", { outDir }))?.title, "Demo");
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function writePageSpec(
  page: PageSpec,
  { outDir = "reports" }: { outDir?: string } = {},
): Promise<string> {
  validatePageSpec(page, `${page.paper}/page.json`);
  const path = `${outDir}/${page.paper}/page.json`;
  await writeJsonAtomic(path, page);
  return path;
}

/**
 * Read `<outDir>/<paper>/page.json`.
 *
 * @param paper Paper key.
 * @param options Where reports live (`outDir`, default "reports").
 * @returns The page description, or null when the file does not exist.
 * @throws {ReportError} If the file is not valid JSON or not a page description.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readPageSpec } from "./page_spec.ts";
 * assert.equal(await readPageSpec("demo", { outDir: "/nonexistent" }), null);
 * ```
 */
export async function readPageSpec(
  paper: string,
  { outDir = "reports" }: { outDir?: string } = {},
): Promise<PageSpec | null> {
  const path = `${outDir}/${paper}/page.json`;
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ReportError(
      `Cannot read page description "${path}": invalid JSON: ${
        (err as Error).message
      }`,
    );
  }
  return validatePageSpec(raw, path);
}

/**
 * Cells matching a filter.
 *
 * @param cells Cells to filter.
 * @param where Required config values.
 * @returns The matching cells, order kept.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { selectCells } from "./page_spec.ts";
 * const base = { seed: 1, profile: "smoke", impl: "code", metrics: {}, manifest: {} };
 * const cells = [{ ...base, id: "a", config: { arm: "a" } }, { ...base, id: "b", config: { arm: "b" } }];
 * assert.deepEqual(selectCells(cells, { arm: "b" }).map((c) => c.id), ["b"]);
 * ```
 */
export function selectCells(cells: Cell[], where: Where = {}): Cell[] {
  const keys = Object.keys(where);
  return cells.filter((c) => keys.every((k) => c.config[k] === where[k]));
}
