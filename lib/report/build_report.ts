/**
 * Build one paper's report: merge its cells, render the declared figures to
 * inline SVG, compute the "paper | reproduced | Δ | note" tables, and write
 * `<outDir>/<paper>/index.html`, `summary.md`, `results.csv`, `results.json`
 * and `figures/<id>.{svg,vl.json,data.json}` (curve, bar and scatter figures;
 * image figures show a PNG the experiment wrote under `<outDir>/<paper>/`). Same cells, page and claims give
 * byte-identical files (the HTML's manifest section holds the cells' start
 * times, which come from the cells).
 *
 * @module
 */

import { writeFileAtomic, writeJsonAtomic } from "../runtime/mod.ts";
import type { Cell } from "./cells.ts";
import { type ClaimsFile, loadClaims } from "./claims.ts";
import { barSpec, curveSpec } from "./chart_specs.ts";
import { scatterSpec } from "./scatter_spec.ts";
import { computeTable } from "./claims_table.ts";
import { mergeCells } from "./merge_cells.ts";
import { type PageSpec, readPageSpec, type TableRow } from "./page_spec.ts";
import { renderSvg } from "./render_svg.ts";
import { ReportError } from "./report_error.ts";
import { checkImage } from "./_image_figure.ts";
import { pageHtml, pageMarkdown, type PageModel } from "./_render_page.ts";

/** Options of {@linkcode buildReport}. */
export interface BuildReportOptions {
  /** Root of the reports tree. @default {"reports"} */
  outDir?: string;
  /** The page description; read from `<outDir>/<paper>/page.json` when absent, else a plain default page. */
  page?: PageSpec;
  /** The paper's claims file. @default {"experiments/<paper>_claims.json"} */
  claimsPath?: string;
}

/** What {@linkcode buildReport} produced. */
export interface BuildReportResult {
  /** Paper key. */
  paper: string;
  /** Page title. */
  title: string;
  /** Number of valid cells. */
  nCells: number;
  /** Expected cell ids without a valid cell. */
  missing: string[];
  /** Skipped cell files, as "file: reason". */
  problems: string[];
  /** Number of figures rendered. */
  nFigures: number;
  /** Image figures that cannot be shown, as "<figure id>: <reason>". */
  missingImages: string[];
  /** Path of the HTML page. */
  indexPath: string;
}

/**
 * A plain page for cells without a page description: one table with every
 * metric of every configuration, pooled over seeds.
 *
 * @param paper Paper key.
 * @param cells The paper's cells.
 * @returns A page description with no figures.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defaultPage } from "./build_report.ts";
 * const page = defaultPage("demo", [{ id: "a", config: { arm: "a" }, seed: 1, profile: "smoke",
 *   impl: "code", metrics: { acc: 0.5 }, manifest: {} }]);
 * assert.equal(page.tables[0].rows[0].label, "arm=a: acc");
 * ```
 */
export function defaultPage(paper: string, cells: Cell[]): PageSpec {
  const rows = new Map<string, TableRow>();
  for (const c of cells) {
    const label = Object.keys(c.config).sort().map((k) => `${k}=${c.config[k]}`)
      .join(", ");
    for (const metric of Object.keys(c.metrics).sort()) {
      rows.set(`${label}: ${metric}`, {
        label: `${label}: ${metric}`,
        metric,
        where: c.config,
      });
    }
  }
  return {
    paper,
    title: `${paper}: results`,
    protocol:
      "No page description was saved by the experiment; all metrics are listed without paper numbers.",
    figures: [],
    tables: [{
      id: "all",
      title: "All metrics",
      rows: [...rows.values()].sort((a, b) => (a.label < b.label ? -1 : 1)),
    }],
  };
}

async function claimsOrUndefined(
  path: string,
): Promise<ClaimsFile | undefined> {
  try {
    await Deno.stat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
  return await loadClaims(path);
}

/**
 * Build the report of one paper (see the module doc for the files written).
 *
 * @param paper Paper key, e.g. "kd".
 * @param options Where reports live, the page description and the claims file.
 * @returns Counts, missing cells and skipped files, and the HTML path.
 * @throws {ReportError} If the page description names another paper, or the
 *   claims file or page description is malformed.
 *
 * @example A one-figure page from two cells
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildReport, writeCell } from "./mod.ts";
 * const outDir = await Deno.makeTempDir();
 * for (const seed of [1, 2]) {
 *   await writeCell("demo", { id: `a-s${seed}`, config: { arm: "a" }, seed, profile: "smoke",
 *     impl: "code", metrics: { acc: 0.5 + seed / 100 }, curves: { acc: [0.3, 0.5] }, manifest: {} }, { outDir });
 * }
 * const r = await buildReport("demo", { outDir, claimsPath: "/nonexistent.json", page: {
 *   paper: "demo", title: "Demo", protocol: "Synthetic cells.", tables: [],
 *   figures: [{ kind: "curve", id: "acc", title: "Accuracy", curve: "acc", color: "arm" }],
 * } });
 * assert.equal(r.nCells, 2);
 * assert.equal((await Deno.readTextFile(r.indexPath)).match(/<svg/g)?.length, 1);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function buildReport(
  paper: string,
  { outDir = "reports", page, claimsPath = `experiments/${paper}_claims.json` }:
    BuildReportOptions = {},
): Promise<BuildReportResult> {
  const spec = page ?? (await readPageSpec(paper, { outDir }));
  if (spec && spec.paper !== paper) {
    throw new ReportError(
      `Cannot build report "${paper}": expected page.paper "${paper}", got "${spec.paper}"`,
    );
  }
  const merged = await mergeCells(paper, {
    outDir,
    expected: spec?.expected ?? [],
  });
  const resolved = spec ?? defaultPage(paper, merged.cells);
  const claims = await claimsOrUndefined(claimsPath);
  const dir = `${outDir}/${paper}`;
  const figures: PageModel["figures"] = [];
  for (const figure of resolved.figures) {
    if (figure.kind === "image") {
      const check = await checkImage(dir, figure);
      figures.push({ figure, svg: "", nPoints: check.size ? 1 : 0, ...check });
      continue;
    }
    const vl = figure.kind === "curve"
      ? curveSpec(merged.cells, figure, { claims })
      : figure.kind === "bar"
      ? barSpec(merged.cells, figure, { claims })
      : scatterSpec(merged.cells, figure, { claims });
    const svg = await renderSvg(vl, { idPrefix: `f-${figure.id}` });
    const values = (vl.data as { values: unknown[] }).values;
    await writeJsonAtomic(`${dir}/figures/${figure.id}.vl.json`, vl);
    await writeJsonAtomic(`${dir}/figures/${figure.id}.data.json`, values);
    await writeFileAtomic(`${dir}/figures/${figure.id}.svg`, svg);
    figures.push({ figure, svg, nPoints: values.length });
  }
  const tables = resolved.tables.map((table) => ({
    table,
    rows: computeTable(merged.cells, table, { claims }),
  }));
  const model: PageModel = {
    page: resolved,
    claims,
    claimsPath,
    cells: merged.cells,
    problems: merged.problems,
    missing: merged.missing,
    figures,
    tables,
  };
  const indexPath = `${dir}/index.html`;
  await writeFileAtomic(indexPath, pageHtml(model));
  await writeFileAtomic(`${dir}/summary.md`, pageMarkdown(model));
  return {
    paper,
    title: resolved.title,
    nCells: merged.cells.length,
    missing: merged.missing,
    problems: merged.problems.map((p) => `${p.file}: ${p.reason}`),
    nFigures: figures.length,
    missingImages: figures.flatMap((f) =>
      f.problem === undefined ? [] : [`${f.figure.id}: ${f.problem}`]
    ),
    indexPath,
  };
}
