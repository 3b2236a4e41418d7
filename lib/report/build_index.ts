/**
 * The top-level `reports/index.html`: one line per paper report, linking to
 * its page, with its cell counts.
 *
 * @module
 */

import { writeFileAtomic } from "../runtime/mod.ts";
import type { BuildReportResult } from "./build_report.ts";
import { esc, htmlDocument } from "./_html.ts";

/**
 * Write `<outDir>/index.html` listing the given paper reports (sorted by paper).
 *
 * @param reports Results of `buildReport`, one per paper.
 * @param options Root of the reports tree (`outDir`, default "reports").
 * @returns The path written.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildIndex } from "./build_index.ts";
 * const outDir = await Deno.makeTempDir();
 * const path = await buildIndex([{ paper: "kd", title: "KD", nCells: 3, missing: [], problems: [],
 *   nFigures: 1, missingImages: [], indexPath: `${outDir}/kd/index.html` }], { outDir });
 * assert.match(await Deno.readTextFile(path), /href="kd\/index.html"/);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 */
export async function buildIndex(
  reports: BuildReportResult[],
  { outDir = "reports" }: { outDir?: string } = {},
): Promise<string> {
  const rows = [...reports].sort((
    a,
    b,
  ) => (a.paper < b.paper ? -1 : a.paper > b.paper ? 1 : 0)).map((r) =>
    `<tr><td><a href="${esc(r.paper)}/index.html">${esc(r.paper)}</a></td><td>${
      esc(r.title)
    }</td><td>${r.nCells}</td><td>${r.missing.length}</td><td>${r.problems.length}</td><td>${r.nFigures}</td></tr>`
  );
  const body = [
    "<h1>qrepro reports</h1>",
    "<p>Each page sets the paper's numbers (from its labelled claims file) beside the reproduced ones.</p>",
    "<table>",
    "<thead><tr><th>paper</th><th>title</th><th>cells</th><th>missing</th><th>skipped</th><th>figures</th></tr></thead>",
    "<tbody>",
    ...rows,
    "</tbody>",
    "</table>",
  ].join("\n");
  const path = `${outDir}/index.html`;
  await writeFileAtomic(path, htmlDocument("qrepro reports", body));
  return path;
}
