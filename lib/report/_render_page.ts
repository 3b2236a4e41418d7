// Private: the HTML page and summary.md of one paper, from computed content.

import type { Cell, CellProblem } from "./cells.ts";
import type { ClaimsFile } from "./claims.ts";
import { type ComputedRow, tableHtml, tableMarkdown } from "./claims_table.ts";
import type { FigureSpec, ImageFigure } from "./figure_spec.ts";
import type { PageSpec, TableSpec } from "./page_spec.ts";
import { summariseManifests } from "./_manifest_summary.ts";
import { esc, fmt, htmlDocument } from "./_html.ts";

/** Everything a page shows, already computed. */
export interface PageModel {
  page: PageSpec;
  claims?: ClaimsFile;
  claimsPath: string;
  cells: Cell[];
  problems: CellProblem[];
  missing: string[];
  /** Rendered figures; an image figure has no SVG, its PNG size or a problem instead. */
  figures: {
    figure: FigureSpec;
    svg: string;
    nPoints: number;
    size?: { widthPx: number; heightPx: number };
    problem?: string;
  }[];
  tables: { table: TableSpec; rows: ComputedRow[] }[];
}

const distinct = (xs: (string | number)[]) =>
  [...new Set(xs.map(String))].sort().join(", ") || "none";

function inconsistencies(m: PageModel): string[] {
  return [
    ...new Set([
      ...(m.claims?.inconsistencies ?? []),
      ...(m.page.inconsistencies ?? []),
    ]),
  ];
}

function runFacts(m: PageModel): [string, string][] {
  return [
    ["profile", distinct(m.cells.map((c) => c.profile))],
    ["impl", distinct(m.cells.map((c) => c.impl))],
    [
      "cells",
      `${m.cells.length} valid, ${m.missing.length} missing, ${m.problems.length} skipped`,
    ],
    ["seeds", distinct(m.cells.map((c) => c.seed))],
  ];
}

function claimsLine(m: PageModel): string {
  if (!m.claims) {
    return `No claims file at ${m.claimsPath}: the "paper" columns are empty.`;
  }
  const arxiv = m.claims.arxiv ? ` (arXiv ${m.claims.arxiv})` : "";
  return `"paper" numbers: ${m.claims.label}. From ${m.claimsPath}, read from ${m.claims.notes}; ${m.claims.title}${arxiv}.`;
}

// One "Incomplete results" line per image figure that cannot be shown.
function imageProblems(m: PageModel): string[] {
  return m.figures.flatMap(({ figure, problem }) =>
    problem === undefined ? [] : [`image of figure "${figure.id}" ${problem}`]
  );
}

// An experiment's PNG, scaled without smoothing so pixel images (distilled
// digits, filters) stay sharp; the PNG's own width unless the page sets one.
function imageHtml(
  figure: ImageFigure,
  { size, problem }: { size?: { widthPx: number }; problem?: string },
): string {
  const title = `<strong>${esc(figure.title)}.</strong> `;
  const caption = esc(figure.caption ?? "");
  if (problem !== undefined || size === undefined) {
    return [
      `<figure class="image" id="figure-${esc(figure.id)}">`,
      `<figcaption>${title}<span class="problem">Image ${
        esc(problem ?? "missing")
      }. </span>${caption}</figcaption>`,
      "</figure>",
    ].join("\n");
  }
  const width = figure.width ?? size.widthPx;
  return [
    `<figure class="image" id="figure-${esc(figure.id)}">`,
    `<img src="${esc(figure.src)}" alt="${esc(figure.title)}" width="${
      esc(String(width))
    }" style="image-rendering:pixelated">`,
    `<figcaption>${title}${caption}</figcaption>`,
    "</figure>",
  ].join("\n");
}

/** The standalone HTML page. */
export function pageHtml(m: PageModel): string {
  const parts: string[] = [
    `<h1>${esc(m.page.title)}</h1>`,
    `<p class="label">${esc(claimsLine(m))}</p>`,
  ];
  parts.push(
    "<h2>Run</h2>",
    `<table>${
      runFacts(m).map(([k, v]) =>
        `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`
      ).join("")
    }</table>`,
    `<p><strong>Protocol.</strong> ${esc(m.page.protocol)}</p>`,
  );
  const images = imageProblems(m);
  if (m.missing.length > 0 || m.problems.length > 0 || images.length > 0) {
    parts.push("<h2>Incomplete results</h2>", '<ul class="problem">');
    for (const id of m.missing) parts.push(`<li>missing cell: ${esc(id)}</li>`);
    for (const p of m.problems) {
      parts.push(`<li>skipped ${esc(p.file)}: ${esc(p.reason)}</li>`);
    }
    for (const p of images) parts.push(`<li>${esc(p)}</li>`);
    parts.push("</ul>");
  }
  if (m.tables.length > 0) parts.push("<h2>Paper versus reproduced</h2>");
  for (const { table, rows } of m.tables) {
    parts.push(
      `<h3 id="table-${esc(table.id)}">${esc(table.title)}</h3>`,
      tableHtml(rows, { caption: table.caption }),
    );
  }
  if (m.figures.length > 0) parts.push("<h2>Figures</h2>");
  for (const { figure, svg, nPoints, size, problem } of m.figures) {
    if (figure.kind === "image") {
      parts.push(imageHtml(figure, { size, problem }));
      continue;
    }
    const links = `spec: <a href="figures/${esc(figure.id)}.vl.json">${
      esc(figure.id)
    }.vl.json</a>, data: <a href="figures/${esc(figure.id)}.data.json">${
      esc(figure.id)
    }.data.json</a>`;
    const empty = nPoints === 0
      ? '<span class="problem">No data for this figure. </span>'
      : "";
    parts.push(
      `<figure class="chart" id="figure-${esc(figure.id)}">`,
      svg,
      `<figcaption>${empty}${
        esc(figure.caption ?? "")
      } (${links})</figcaption>`,
      "</figure>",
    );
  }
  const inc = inconsistencies(m);
  if (inc.length > 0) {
    parts.push(
      "<h2>Known inconsistencies of the paper</h2>",
      "<ol>",
      ...inc.map((s) => `<li>${esc(s)}</li>`),
      "</ol>",
    );
  }
  parts.push("<h2>Manifest</h2>");
  for (const g of summariseManifests(m.cells)) {
    const dl = g.fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`)
      .join("");
    parts.push(
      `<p>${g.nCells} cell(s); wall time ${fmt(g.totalWallS)} s in total, ${
        fmt(g.maxWallS)
      } s at most; started ${esc(g.firstStart || "unknown")} to ${
        esc(g.lastStart || "unknown")
      }</p>`,
      `<dl class="manifest">${dl}</dl>`,
    );
  }
  return htmlDocument(m.page.title, parts.join("\n"));
}

/** The same content as Markdown text. */
export function pageMarkdown(m: PageModel): string {
  const out: string[] = [`# ${m.page.title}`, "", `> ${claimsLine(m)}`, ""];
  for (const [k, v] of runFacts(m)) out.push(`- ${k}: ${v}`);
  out.push("", `Protocol: ${m.page.protocol}`, "");
  const images = imageProblems(m);
  if (m.missing.length > 0 || m.problems.length > 0 || images.length > 0) {
    out.push("## Incomplete results", "");
    for (const id of m.missing) out.push(`- missing cell: ${id}`);
    for (const p of m.problems) out.push(`- skipped ${p.file}: ${p.reason}`);
    for (const p of images) out.push(`- ${p}`);
    out.push("");
  }
  for (const { table, rows } of m.tables) {
    out.push(`## ${table.title}`, "", tableMarkdown(rows), "");
    if (table.caption) out.push(table.caption, "");
  }
  if (m.figures.length > 0) {
    out.push("## Figures", "");
    for (const { figure, problem } of m.figures) {
      out.push(
        figure.kind === "image"
          ? `- ${figure.title}: ${figure.src}${problem ? " (missing)" : ""}`
          : `- ${figure.title}: figures/${figure.id}.svg`,
      );
    }
    out.push("");
  }
  const inc = inconsistencies(m);
  if (inc.length > 0) {
    out.push(
      "## Known inconsistencies of the paper",
      "",
      ...inc.map((s, i) => `${i + 1}. ${s}`),
      "",
    );
  }
  out.push("## Manifest", "");
  for (const g of summariseManifests(m.cells)) {
    out.push(
      `- ${g.nCells} cell(s), wall ${fmt(g.totalWallS)} s total: ${
        g.fields.map(([k, v]) => `${k} ${v}`).join("; ")
      }`,
    );
  }
  return out.join("\n") + "\n";
}
