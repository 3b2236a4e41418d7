/**
 * Vega-Lite specs for the declared figures, computed from cells: learning
 * curves with a 95% CI band over seeds, and bars with 95% CI error bars. Data
 * are inlined, so each spec re-plots on its own.
 *
 * @module
 */

import type { Cell } from "./cells.ts";
import type { ClaimsFile } from "./claims.ts";
import type { BarFigure, CurveFigure } from "./figure_spec.ts";
import { selectCells } from "./page_spec.ts";
import { ci95 } from "./stats.ts";
import { groupBy, HEIGHT, round, SCHEMA, WIDTH } from "./_chart_common.ts";

/** A Vega-Lite top-level spec (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Learning-curve spec: per `color` group and epoch, the mean over seeds with a
 * shaded 95% CI band (none where fewer than 2 seeds reach that epoch), plus the
 * paper's series dashed where declared.
 *
 * @param cells All cells of the paper.
 * @param figure The curve figure declaration.
 * @param options `claims` supplies the paper series named in `figure.paper`.
 * @returns A Vega-Lite spec with inline data.
 *
 * @example Two seeds of one arm
 * ```ts
 * import assert from "node:assert/strict";
 * import { curveSpec } from "./chart_specs.ts";
 * const base = { config: { arm: "a" }, profile: "smoke", impl: "code", metrics: {}, manifest: {} };
 * const cells = [
 *   { ...base, id: "a-s1", seed: 1, curves: { acc: [0.5, 0.7] } },
 *   { ...base, id: "a-s2", seed: 2, curves: { acc: [0.7, 0.9] } },
 * ];
 * const spec = curveSpec(cells, { kind: "curve", id: "f", title: "Acc", curve: "acc", color: "arm" });
 * const rows = (spec.data as { values: { x: number; mean: number; n: number }[] }).values;
 * assert.deepEqual(rows.map((r) => [r.x, r.mean, r.n]), [[1, 0.6, 2], [2, 0.8, 2]]);
 * ```
 */
export function curveSpec(
  cells: Cell[],
  figure: CurveFigure,
  { claims }: { claims?: ClaimsFile } = {},
): VegaLiteSpec {
  const scale = figure.scale ?? 1;
  const values: Record<string, unknown>[] = [];
  for (
    const [group, members] of groupBy(
      selectCells(cells, figure.where),
      figure.color,
    )
  ) {
    const series = members.map((c) => c.curves?.[figure.curve] ?? []);
    const length = Math.max(0, ...series.map((s) => s.length));
    for (let t = 0; t < length; t++) {
      const ys = series.filter((s) => t < s.length && Number.isFinite(s[t]))
        .map((s) => s[t] * scale);
      const ci = ci95(ys);
      values.push({
        series: group,
        source: "reproduced",
        x: t + 1,
        mean: round(ci.mean),
        lo: round(ci.lo),
        hi: round(ci.hi),
        n: ci.n,
      });
    }
  }
  for (const [group, claimId] of Object.entries(figure.paper ?? {}).sort()) {
    const claim = claims?.claims.find((c) => c.id === claimId);
    claim?.series?.forEach((y, t) =>
      values.push({
        series: group,
        source: "paper",
        x: t + 1,
        mean: y,
        lo: null,
        hi: null,
        n: null,
      })
    );
  }
  const x = {
    field: "x",
    type: "quantitative",
    title: figure.xTitle ?? "epoch",
    axis: { tickMinStep: 1 },
  };
  const color = { field: "series", type: "nominal", title: figure.color };
  return {
    $schema: SCHEMA,
    title: figure.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: [
      {
        transform: [{
          filter: "datum.source === 'reproduced' && datum.lo !== null",
        }],
        mark: { type: "area", fillOpacity: 0.2 },
        encoding: {
          x,
          y: { field: "lo", type: "quantitative" },
          y2: { field: "hi" },
          color,
        },
      },
      {
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            field: "mean",
            type: "quantitative",
            title: figure.yTitle ?? figure.curve,
            scale: { zero: false },
          },
          color: {
            ...color,
            legend: {
              symbolType: "stroke",
              symbolStrokeWidth: 2,
              symbolOpacity: 1,
            },
          },
          strokeDash: {
            field: "source",
            type: "nominal",
            title: "source",
            sort: ["reproduced", "paper"],
            legend: {
              symbolType: "stroke",
              symbolStrokeWidth: 2,
              encode: { symbols: { update: { stroke: { value: "#333" } } } },
            },
          },
        },
      },
    ],
  };
}

/**
 * Bar spec: per `x` (and `color`) group, the mean over seeds with a 95% CI
 * error bar, plus the paper value as a black tick where declared.
 *
 * @param cells All cells of the paper.
 * @param figure The bar figure declaration.
 * @param options `claims` supplies the paper values named in `figure.paper`.
 * @returns A Vega-Lite spec with inline data.
 *
 * @example Three seeds of two arms
 * ```ts
 * import assert from "node:assert/strict";
 * import { barSpec } from "./chart_specs.ts";
 * const cell = (arm: string, seed: number, acc: number) => ({ id: `${arm}-${seed}`,
 *   config: { arm }, seed, profile: "smoke", impl: "code", metrics: { acc }, manifest: {} });
 * const cells = [cell("a", 1, 0.5), cell("a", 2, 0.7), cell("b", 1, 0.9)];
 * const spec = barSpec(cells, { kind: "bar", id: "f", title: "Acc", metric: "acc", x: "arm" });
 * const rows = (spec.data as { values: { x: string; mean: number; n: number }[] }).values;
 * assert.deepEqual(rows.map((r) => [r.x, r.mean, r.n]), [["a", 0.6, 2], ["b", 0.9, 1]]);
 * ```
 */
export function barSpec(
  cells: Cell[],
  figure: BarFigure,
  { claims }: { claims?: ClaimsFile } = {},
): VegaLiteSpec {
  const scale = figure.scale ?? 1;
  const values: Record<string, unknown>[] = [];
  for (
    const [xValue, members] of groupBy(
      selectCells(cells, figure.where),
      figure.x,
    )
  ) {
    const groups = figure.color
      ? groupBy(members, figure.color)
      : [["all", members] as [string, Cell[]]];
    for (const [colorValue, group] of groups) {
      const ys = group.map((c) => c.metrics[figure.metric]).filter((
        v,
      ): v is number => typeof v === "number")
        .map((v) => v * scale);
      const ci = ci95(ys);
      const key = figure.color ? `${xValue}|${colorValue}` : xValue;
      const claim = claims?.claims.find((c) => c.id === figure.paper?.[key]);
      values.push({
        x: xValue,
        group: colorValue,
        mean: round(ci.mean),
        lo: round(ci.lo),
        hi: round(ci.hi),
        n: ci.n,
        paper: claim?.value ?? null,
      });
    }
  }
  const x = {
    field: "x",
    type: "nominal",
    title: figure.x,
    sort: null,
    axis: { labelAngle: 0 },
  };
  const offset = figure.color
    ? { xOffset: { field: "group", type: "nominal", sort: null } }
    : {};
  const color = figure.color
    ? {
      color: {
        field: "group",
        type: "nominal",
        title: figure.color,
        sort: null,
      },
    }
    : {};
  const y = {
    field: "mean",
    type: "quantitative",
    title: figure.yTitle ?? figure.metric,
  };
  return {
    $schema: SCHEMA,
    title: figure.title,
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: [
      { mark: "bar", encoding: { x, y, ...offset, ...color } },
      {
        transform: [{ filter: "datum.lo !== null" }],
        mark: { type: "rule", color: "#333" },
        encoding: {
          x,
          ...offset,
          y: { field: "lo", type: "quantitative" },
          y2: { field: "hi" },
        },
      },
      {
        transform: [{ filter: "datum.paper !== null" }],
        mark: { type: "tick", color: "black", thickness: 2 },
        encoding: { x, ...offset, y: { field: "paper", type: "quantitative" } },
      },
    ],
  };
}
