/**
 * Reports: result cells written atomically per configuration and seed, merged
 * into CSV/JSON, and rendered to static pages that set the paper's claims
 * beside the reproduced numbers (mean ± 95% CI over seeds), with Vega-Lite
 * charts (learning curves, bars, scatter plots) rendered to inline SVG at build
 * time, and PNG images the experiments wrote themselves.
 *
 * An experiment writes one cell per finished configuration and seed, and saves
 * its page description once; `deno task report` (or {@linkcode buildReport})
 * renders the page.
 *
 * @example From cells to a page
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildReport, writeCell, writePageSpec } from "./mod.ts";
 * const outDir = await Deno.makeTempDir();
 * for (const arm of ["baseline", "kd"]) {
 *   for (const seed of [1, 2, 3]) {
 *     await writeCell("demo", {
 *       id: `${arm}-s${seed}`, config: { arm }, seed, profile: "smoke", impl: "code",
 *       metrics: { testAcc: 0.9 + seed / 100 }, curves: { testAcc: [0.5, 0.8, 0.9] }, manifest: {},
 *     }, { outDir });
 *   }
 * }
 * await writePageSpec({
 *   paper: "demo", title: "Demo", protocol: "Three seeds per arm on synthetic data.",
 *   figures: [
 *     { kind: "curve", id: "curves", title: "Test accuracy", curve: "testAcc", color: "arm", scale: 100 },
 *     { kind: "bar", id: "final", title: "Final accuracy", metric: "testAcc", x: "arm", scale: 100 },
 *   ],
 *   tables: [{ id: "main", title: "Headline", rows: [
 *     { label: "KD student", metric: "testAcc", where: { arm: "kd" }, scale: 100, versus: { arm: "baseline" } },
 *   ] }],
 * }, { outDir });
 * const r = await buildReport("demo", { outDir, claimsPath: "/nonexistent.json" });
 * assert.equal(r.nFigures, 2);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 *
 * @module
 */

export * from "./report_error.ts";
export * from "./stats.ts";
export * from "./claims.ts";
export * from "./cells.ts";
export * from "./merge_cells.ts";
export * from "./figure_spec.ts";
export * from "./page_spec.ts";
export * from "./chart_specs.ts";
export * from "./render_svg.ts";
export * from "./claims_table.ts";
export * from "./build_report.ts";
export * from "./build_index.ts";
export * from "./png.ts";
