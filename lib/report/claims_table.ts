/**
 * The comparison table "paper | reproduced (mean ± 95% CI, n runs) | Δ | note",
 * computed from cells and the claims file, rendered as HTML or Markdown.
 *
 * @module
 */

import type { Cell } from "./cells.ts";
import type { Claim, ClaimsFile } from "./claims.ts";
import type { TableSpec } from "./page_spec.ts";
import { selectCells } from "./page_spec.ts";
import { ci95, type MeanCi, welchTest } from "./stats.ts";
import { esc, fmt, fmtLike, mdCell } from "./_html.ts";

/** One computed row of a comparison table. */
export interface ComputedRow {
  /** Row label. */
  label: string;
  /** The claim, when the row names one that exists. */
  claim?: Claim;
  /** Reproduced values over seeds, scaled to the claim's unit. */
  reproduced: MeanCi;
  /** reproduced mean − paper value (NaN without a numeric claim). */
  delta: number;
  /** Display strings: paper, reproduced, Δ, note. */
  text: { paper: string; reproduced: string; delta: string; note: string };
}

const unitSuffix = (
  unit: string,
) => (unit === "" ? "" : unit === "%" ? " %" : ` ${unit}`);

/**
 * Compute the rows of a comparison table: for each row, the metric over the
 * matching cells (mean ± 95% CI, Student t), the claim, Δ = reproduced − paper,
 * and, with `versus`, Welch's test against the baseline cells in the note.
 *
 * @param cells All cells of the paper.
 * @param table The table declaration.
 * @param options `claims`: the paper's claims file (rows naming a missing
 *   claim show "claim not found").
 * @returns One computed row per declared row, in order.
 *
 * @example Reproduced 95.0 ± CI against a paper 96.56
 * ```ts
 * import assert from "node:assert/strict";
 * import { computeTable } from "./claims_table.ts";
 * import { validateClaims } from "./claims.ts";
 * const claims = validateClaims({ format: "qrepro.claims/1", label: "L", paper: "kd", title: "T",
 *   arxiv: "", notes: "n", claims: [{ id: "b", metric: "acc", unit: "%", value: 96.56, source: "s" }] }, "x");
 * const cell = (seed: number, acc: number) => ({ id: `b-${seed}`, config: { arm: "b" }, seed,
 *   profile: "smoke", impl: "code", metrics: { acc }, manifest: {} });
 * const [row] = computeTable([cell(1, 0.94), cell(2, 0.96)], { id: "t", title: "T",
 *   rows: [{ label: "baseline", claim: "b", metric: "acc", where: { arm: "b" }, scale: 100 }] }, { claims });
 * assert.ok(Math.abs(row.delta - (95 - 96.56)) < 1e-9);
 * assert.equal(row.text.paper, "96.56 %");
 * assert.match(row.text.reproduced, /^95\.00 ± 12\.71 % \(n = 2\)$/);
 * ```
 */
export function computeTable(
  cells: Cell[],
  table: TableSpec,
  { claims }: { claims?: ClaimsFile } = {},
): ComputedRow[] {
  return table.rows.map((row) => {
    const scale = row.scale ?? 1;
    const values = (where: TableSpec["rows"][number]["where"]) =>
      selectCells(cells, where).map((c) => c.metrics[row.metric]).filter((
        v,
      ): v is number => typeof v === "number")
        .map((v) => v * scale);
    const ys = values(row.where);
    const reproduced = ci95(ys);
    const claim = row.claim
      ? claims?.claims.find((c) => c.id === row.claim)
      : undefined;
    const unit = unitSuffix(claim?.unit ?? "");
    const ref = Number.isFinite(reproduced.mean)
      ? reproduced.mean
      : claim?.value ?? NaN;
    const f = (x: number) => fmtLike(x, ref);
    const notes: string[] = [];
    if (row.claim && !claim) notes.push(`claim "${row.claim}" not found`);
    if (claim?.note) notes.push(`paper: ${claim.note}`);
    if (row.note) notes.push(row.note);
    if (row.versus) {
      const base = values(row.versus);
      if (
        ys.length >= 2 && base.length >= 2 &&
        (reproduced.std > 0 || ci95(base).std > 0)
      ) {
        const w = welchTest(ys, base);
        const sign = w.diff >= 0 ? "+" : "";
        const diffText = `${sign}${f(w.diff)} [${f(w.lo)}, ${f(w.hi)}]`;
        notes.push(`vs baseline: ${diffText}${unit}, Welch p = ${fmt(w.p)}`);
      } else {
        notes.push(
          `vs baseline: needs at least 2 runs each (have ${ys.length} and ${base.length})`,
        );
      }
    }
    if (claim) notes.push(`source: ${claim.source}`);
    const paperText = !claim
      ? "—"
      : claim.value !== undefined
      ? `${String(claim.value)}${unit}`
      : claim.statement ?? `series of ${claim.series?.length} values`;
    const delta = claim?.value !== undefined
      ? reproduced.mean - claim.value
      : NaN;
    const reproducedText = reproduced.n === 0
      ? "— (no cells)"
      : reproduced.n === 1
      ? `${f(reproduced.mean)}${unit} (n = 1)`
      : `${f(reproduced.mean)} ± ${
        f(reproduced.halfWidth)
      }${unit} (n = ${reproduced.n})`;
    const deltaText = Number.isFinite(delta)
      ? `${delta >= 0 ? "+" : ""}${f(delta)}${unit}`
      : "—";
    return {
      label: row.label,
      claim,
      reproduced,
      delta,
      text: {
        paper: paperText,
        reproduced: reproducedText,
        delta: deltaText,
        note: notes.join("; "),
      },
    };
  });
}

const HEADER = [
  "",
  "paper",
  "reproduced (mean ± 95% CI, n runs)",
  "Δ",
  "note",
];

/**
 * Render computed rows as an HTML table.
 *
 * @param rows Rows from {@linkcode computeTable}.
 * @param options `caption` shown in the table.
 * @returns `<table>` markup, escaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableHtml } from "./claims_table.ts";
 * const html = tableHtml([{ label: "a<b", reproduced: { n: 0, mean: NaN, std: NaN, halfWidth: NaN,
 *   lo: NaN, hi: NaN }, delta: NaN, text: { paper: "—", reproduced: "—", delta: "—", note: "" } }]);
 * assert.match(html, /<td>a&lt;b<\/td>/);
 * ```
 */
export function tableHtml(
  rows: ComputedRow[],
  { caption }: { caption?: string } = {},
): string {
  const head = `<tr>${HEADER.map((h) => `<th>${esc(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) =>
    `<tr><td>${esc(r.label)}</td><td class="num">${
      esc(r.text.paper)
    }</td><td class="num">${esc(r.text.reproduced)}</td><td class="num">${
      esc(r.text.delta)
    }</td><td>${esc(r.text.note)}</td></tr>`
  );
  const cap = caption ? `<caption>${esc(caption)}</caption>\n` : "";
  return `<table>\n${cap}<thead>${head}</thead>\n<tbody>\n${
    body.join("\n")
  }\n</tbody>\n</table>`;
}

/**
 * Render computed rows as a Markdown table.
 *
 * @param rows Rows from {@linkcode computeTable}.
 * @returns Markdown table text, one line per row plus the header.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { tableMarkdown } from "./claims_table.ts";
 * const md = tableMarkdown([{ label: "x|y", reproduced: { n: 0, mean: NaN, std: NaN, halfWidth: NaN,
 *   lo: NaN, hi: NaN }, delta: NaN, text: { paper: "1 %", reproduced: "—", delta: "—", note: "" } }]);
 * assert.equal(md.split("\n")[2], "| x\\|y | 1 % | — | — |  |");
 * ```
 */
export function tableMarkdown(rows: ComputedRow[]): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  return [
    line(HEADER),
    `|${HEADER.map(() => "---").join("|")}|`,
    ...rows.map((r) =>
      line([
        r.label,
        r.text.paper,
        r.text.reproduced,
        r.text.delta,
        r.text.note,
      ])
    ),
  ].join("\n");
}
