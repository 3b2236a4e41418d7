/**
 * Vega-Lite spec of a scatter figure: two final metrics against each other,
 * one point per group (mean over seeds) with 95% CI bars on both axes, and the
 * paper's points as hollow black markers. Data are inlined, so the spec
 * re-plots on its own.
 *
 * @module
 */

import type { Cell } from "./cells.ts";
import type { VegaLiteSpec } from "./chart_specs.ts";
import type { ClaimsFile } from "./claims.ts";
import type { ScatterFigure } from "./figure_spec.ts";
import { selectCells } from "./page_spec.ts";
import { ci95 } from "./stats.ts";
import { groupBy, HEIGHT, round, SCHEMA, WIDTH } from "./_chart_common.ts";

/** One point of a scatter figure, as written to `figures/<id>.data.json`. */
export interface ScatterRow {
  /** Group key: the `color` value, or `color|shape` when the figure has `shape`. */
  group: string;
  /** The `color` config value. */
  color: string;
  /** The `shape` config value, or null without `shape`. */
  shape: string | null;
  /** "reproduced" (mean over seeds) or "paper" (the claims' values). */
  source: "reproduced" | "paper";
  /** Mean x (scaled). */
  x: number | null;
  /** Lower end of the 95% CI of x; null below 2 seeds or for paper points. */
  xLo: number | null;
  /** Upper end of the 95% CI of x. */
  xHi: number | null;
  /** Mean y (scaled). */
  y: number | null;
  /** Lower end of the 95% CI of y. */
  yLo: number | null;
  /** Upper end of the 95% CI of y. */
  yHi: number | null;
  /** Cells with both metrics finite; null for paper points. */
  n: number | null;
}

// Cells with both metrics finite: a point needs its x and its y from the same
// seeds, so a cell missing one metric drops out of both means.
function paired(cells: Cell[], f: ScatterFigure): [number[], number[]] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const c of cells) {
    const x = c.metrics[f.x];
    const y = c.metrics[f.y];
    if (
      typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) continue;
    xs.push(x * (f.xScale ?? 1));
    ys.push(y * (f.yScale ?? 1));
  }
  return [xs, ys];
}

/**
 * The data rows of a scatter figure: per `color` (and `shape`) group, the mean
 * of x and of y over the group's cells with 95% CIs (`ci95`); then one row per
 * `paper` entry whose two claims both have a `value` (claim values are taken
 * as already in the axis unit, as bar figures do).
 *
 * @param cells All cells of the paper.
 * @param figure The scatter figure declaration.
 * @param options `claims` supplies the values named in `figure.paper`.
 * @returns Reproduced rows in group order, then paper rows in key order.
 *
 * @example Two seeds of one arm
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterRows } from "./scatter_spec.ts";
 * const cell = (seed: number, acc: number, ms: number) => ({ id: `a-${seed}`, config: { arm: "a" },
 *   seed, profile: "smoke", impl: "code", metrics: { acc, ms }, manifest: {} });
 * const rows = scatterRows([cell(1, 0.5, 10), cell(2, 0.7, 20)],
 *   { kind: "scatter", id: "s", title: "S", x: "ms", y: "acc", color: "arm", yScale: 100 });
 * assert.deepEqual(rows.map((r) => [r.group, r.x, r.y, r.n]), [["a", 15, 60, 2]]);
 * ```
 */
export function scatterRows(
  cells: Cell[],
  figure: ScatterFigure,
  { claims }: { claims?: ClaimsFile } = {},
): ScatterRow[] {
  const rows: ScatterRow[] = [];
  const selected = selectCells(cells, figure.where);
  for (const [color, byColor] of groupBy(selected, figure.color)) {
    const groups: [string | null, Cell[]][] = figure.shape
      ? groupBy(byColor, figure.shape)
      : [[null, byColor]];
    for (const [shape, members] of groups) {
      const [xs, ys] = paired(members, figure);
      if (xs.length === 0) continue;
      const cx = ci95(xs);
      const cy = ci95(ys);
      rows.push({
        group: shape === null ? color : `${color}|${shape}`,
        color,
        shape,
        source: "reproduced",
        x: round(cx.mean),
        xLo: round(cx.lo),
        xHi: round(cx.hi),
        y: round(cy.mean),
        yLo: round(cy.lo),
        yHi: round(cy.hi),
        n: cx.n,
      });
    }
  }
  for (const [group, ids] of Object.entries(figure.paper ?? {}).sort()) {
    const value = (id: string) =>
      claims?.claims.find((c) => c.id === id)?.value;
    const x = value(ids.x);
    const y = value(ids.y);
    if (x === undefined || y === undefined) continue;
    const [color, shape = null] = group.split("|");
    rows.push({
      group,
      color,
      shape: figure.shape ? shape : null,
      source: "paper",
      x,
      xLo: null,
      xHi: null,
      y,
      yLo: null,
      yHi: null,
      n: null,
    });
  }
  return rows;
}

/**
 * Scatter spec: the rows of {@linkcode scatterRows} as filled points coloured by
 * `color` and shaped by `shape`, 95% CI rules on both axes (where 2 or more
 * seeds), and hollow black points with the legend entry "paper". With `xLog`
 * the x axis is logarithmic, and CI rules reaching zero or below are left out
 * (a log axis cannot place them).
 *
 * @param cells All cells of the paper.
 * @param figure The scatter figure declaration.
 * @param options `claims` supplies the values named in `figure.paper`.
 * @returns A Vega-Lite spec with inline data.
 *
 * @example A log-scaled x axis
 * ```ts
 * import assert from "node:assert/strict";
 * import { scatterSpec } from "./scatter_spec.ts";
 * const spec = scatterSpec([], { kind: "scatter", id: "s", title: "S", x: "params", y: "acc",
 *   color: "model", xLog: true });
 * assert.match(JSON.stringify(spec.layer), /"type":"log"/);
 * ```
 */
export function scatterSpec(
  cells: Cell[],
  figure: ScatterFigure,
  { claims }: { claims?: ClaimsFile } = {},
): VegaLiteSpec {
  const values = scatterRows(cells, figure, { claims });
  const xScale = figure.xLog ? { type: "log" } : { zero: false };
  const x = {
    field: "x",
    type: "quantitative",
    title: figure.xTitle ?? figure.x,
    scale: xScale,
  };
  const y = {
    field: "y",
    type: "quantitative",
    title: figure.yTitle ?? figure.y,
    scale: { zero: false },
  };
  const color = { field: "color", type: "nominal", title: figure.color };
  const shape = figure.shape
    ? { shape: { field: "shape", type: "nominal", title: figure.shape } }
    : {};
  const positive = figure.xLog ? " && datum.xLo > 0 && datum.x > 0" : "";
  const reproduced = "datum.source === 'reproduced'";
  return {
    $schema: SCHEMA,
    title: figure.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: [
      {
        transform: [{
          filter: `${reproduced} && datum.xLo !== null${positive}`,
        }],
        mark: { type: "rule", opacity: 0.7 },
        encoding: { x: { ...x, field: "xLo" }, x2: { field: "xHi" }, y, color },
      },
      {
        transform: [{ filter: `${reproduced} && datum.yLo !== null` }],
        mark: { type: "rule", opacity: 0.7 },
        encoding: { x, y: { ...y, field: "yLo" }, y2: { field: "yHi" }, color },
      },
      {
        transform: [{ filter: reproduced }],
        mark: { type: "point", filled: true, size: 90, opacity: 1 },
        encoding: { x, y, color, ...shape },
      },
      {
        transform: [{ filter: "datum.source === 'paper'" }],
        mark: { type: "point", filled: false, size: 140, strokeWidth: 2 },
        encoding: {
          x,
          y,
          ...shape,
          stroke: {
            field: "source",
            type: "nominal",
            title: null,
            scale: { domain: ["paper"], range: ["black"] },
          },
        },
      },
    ],
  };
}
