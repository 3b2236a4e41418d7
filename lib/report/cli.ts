/**
 * `deno task report [paper…]`: build `reports/<paper>/index.html` (and
 * `summary.md`, `results.csv`, `results.json`, `figures/`) for the named papers,
 * or for every paper with cells under `reports/`, then `reports/index.html`.
 * Needs no network and no run permission.
 *
 * @module
 */

import { parseCli, runMain, UsageError } from "../runtime/mod.ts";
import { buildIndex } from "./build_index.ts";
import { buildReport, type BuildReportResult } from "./build_report.ts";

const PAPER_RE = /^[a-z0-9_-]+$/;

// Papers under outDir: subdirectories holding cells/ or page.json.
async function discoverPapers(outDir: string): Promise<string[]> {
  const papers: string[] = [];
  try {
    for await (const entry of Deno.readDir(outDir)) {
      if (!entry.isDirectory || !PAPER_RE.test(entry.name)) continue;
      const has = async (p: string) =>
        await Deno.stat(`${outDir}/${entry.name}/${p}`).then(
          () => true,
          () => false,
        );
      if (await has("cells") || await has("page.json")) papers.push(entry.name);
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return papers.sort();
}

// Index entry of a paper not rebuilt now, from its last results.json.
async function previousResult(
  paper: string,
  outDir: string,
): Promise<BuildReportResult | null> {
  try {
    const r = JSON.parse(
      await Deno.readTextFile(`${outDir}/${paper}/results.json`),
    );
    const page = JSON.parse(
      await Deno.readTextFile(`${outDir}/${paper}/page.json`).catch(() => "{}"),
    );
    return {
      paper,
      title: typeof page.title === "string" ? page.title : `${paper}: results`,
      nCells: r.cells?.length ?? 0,
      missing: r.missing ?? [],
      problems: (r.problems ?? []).map((p: { file: string; reason: string }) =>
        `${p.file}: ${p.reason}`
      ),
      nFigures: Array.isArray(page.figures) ? page.figures.length : 0,
      missingImages: [],
      indexPath: `${outDir}/${paper}/index.html`,
    };
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const cli = parseCli(Deno.args, {
    name: "deno task report",
    summary:
      "Merge result cells and build static report pages (paper versus reproduced) under the output directory. With no paper named, every paper that has cells is built.",
    experimentFlags: false,
    positionals: "[paper…]",
    options: { out: { type: "string" }, "claims-dir": { type: "string" } },
    help: {
      out: "reports directory (default reports)",
      "claims-dir":
        "directory of <paper>_claims.json files (default experiments)",
    },
  });
  if (cli.help) {
    console.log(cli.usage);
    return;
  }
  const outDir = (cli.values.out as string | undefined) ?? "reports";
  const claimsDir = (cli.values["claims-dir"] as string | undefined) ??
    "experiments";
  for (const p of cli.positionals) {
    if (!PAPER_RE.test(p)) {
      throw new UsageError(
        `Invalid paper name: expected ${PAPER_RE.source}, got "${p}"`,
      );
    }
  }
  const all = await discoverPapers(outDir);
  const papers = cli.positionals.length > 0 ? cli.positionals : all;
  for (const p of papers) {
    if (!all.includes(p)) {
      throw new UsageError(
        `Unknown paper: "${p}" has no cells or page.json under ${outDir}/, expected one of: ${
          all.join(", ") || "none"
        }`,
      );
    }
  }
  if (papers.length === 0) {
    console.log(`No results under ${outDir}/: run a reproduce:* task first`);
  }
  const results: BuildReportResult[] = [];
  for (const paper of papers) {
    const t0 = performance.now();
    const r = await buildReport(paper, {
      outDir,
      claimsPath: `${claimsDir}/${paper}_claims.json`,
    });
    results.push(r);
    const seconds = ((performance.now() - t0) / 1000).toFixed(2);
    console.log(
      `${paper}: ${r.nCells} cells, ${r.missing.length} missing, ${r.problems.length} skipped, ${r.nFigures} figures in ${seconds} s -> ${r.indexPath}`,
    );
    for (const p of r.problems) console.log(`  skipped ${p}`);
    for (const p of r.missingImages) console.log(`  missing image ${p}`);
  }
  for (const paper of all) {
    if (papers.includes(paper)) continue;
    const previous = await previousResult(paper, outDir);
    if (previous) results.push(previous);
  }
  if (results.length > 0) {
    console.log(`index -> ${await buildIndex(results, { outDir })}`);
  }
}

if (import.meta.main) await runMain(main);
