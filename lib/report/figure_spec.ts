/**
 * The figure kinds a page description declares ({@linkcode FigureSpec}):
 * learning curves, bars, scatter plots of two final metrics, and PNG images an
 * experiment wrote itself. Each is plain JSON, saved inside `page.json`.
 *
 * @module
 */

import type { ConfigValue } from "./cells.ts";

/** Cell filter: a cell matches when `cell.config[key] === value` for every key. */
export type Where = Record<string, ConfigValue>;

/** Learning curves: mean over seeds with a 95% CI band, one line per `color` value. */
export interface CurveFigure {
  /** Figure kind. */
  kind: "curve";
  /** File-safe id, unique in the page. */
  id: string;
  /** Title shown above the chart. */
  title: string;
  /** Key in `cell.curves`. */
  curve: string;
  /** Config key whose values give one line each. */
  color: string;
  /** Restrict to matching cells. @default {{}} */
  where?: Where;
  /** Multiply values by this (e.g. 100 for %). @default {1} */
  scale?: number;
  /** X-axis title. @default {"epoch"} */
  xTitle?: string;
  /** Y-axis title. @default {the curve key} */
  yTitle?: string;
  /** `color` value → id of a claim with a `series`, drawn dashed as "paper". */
  paper?: Record<string, string>;
  /** Caption under the chart. */
  caption?: string;
}

/** Bars of a final metric: mean over seeds with a 95% CI error bar. */
export interface BarFigure {
  /** Figure kind. */
  kind: "bar";
  /** File-safe id, unique in the page. */
  id: string;
  /** Title shown above the chart. */
  title: string;
  /** Key in `cell.metrics`. */
  metric: string;
  /** Config key on the x axis. */
  x: string;
  /** Config key for grouped bars side by side. */
  color?: string;
  /** Restrict to matching cells. @default {{}} */
  where?: Where;
  /** Multiply values by this. @default {1} */
  scale?: number;
  /** Y-axis title. @default {the metric key} */
  yTitle?: string;
  /** `x` value (or `x|color` value) → id of a claim with a `value`, drawn as a black tick. */
  paper?: Record<string, string>;
  /** Caption under the chart. */
  caption?: string;
}

/**
 * Two final metrics against each other: one point per group (mean over seeds),
 * 95% CI bars on both axes.
 */
export interface ScatterFigure {
  /** Figure kind. */
  kind: "scatter";
  /** File-safe id, unique in the page. */
  id: string;
  /** Title shown above the chart. */
  title: string;
  /** Key in `cell.metrics` for the x axis. */
  x: string;
  /** Key in `cell.metrics` for the y axis. */
  y: string;
  /** Config key: one colour per value. */
  color: string;
  /** Config key: one marker shape per value; groups are then `color|shape`. */
  shape?: string;
  /** Restrict to matching cells. @default {{}} */
  where?: Where;
  /** Multiply x values by this. @default {1} */
  xScale?: number;
  /** Multiply y values by this. @default {1} */
  yScale?: number;
  /** X-axis title. @default {the x metric key} */
  xTitle?: string;
  /** Y-axis title. @default {the y metric key} */
  yTitle?: string;
  /** Logarithmic x axis. @default {false} */
  xLog?: boolean;
  /**
   * Group key (`"<color>"`, or `"<color>|<shape>"` with `shape`) → ids of two
   * claims with a `value`, drawn as hollow black markers labelled "paper".
   */
  paper?: Record<string, { x: string; y: string }>;
  /** Caption under the chart. */
  caption?: string;
}

/** A PNG the experiment wrote under `<outDir>/<paper>/`, shown in the report page. */
export interface ImageFigure {
  /** Figure kind. */
  kind: "image";
  /** File-safe id, unique in the page. */
  id: string;
  /** Title shown above the image (and its alt text). */
  title: string;
  /**
   * Path relative to `<outDir>/<paper>/`: ends ".png", no ".." segment, only
   * `[A-Za-z0-9._/-]`, e.g. "distilled/mnist-quantum.png".
   */
  src: string;
  /** Display width in CSS px (scaled pixelated). @default {the PNG's own width} */
  width?: number;
  /** Caption under the image. */
  caption?: string;
}

/** A declared figure. */
export type FigureSpec = CurveFigure | BarFigure | ScatterFigure | ImageFigure;

/** The figure kinds, in the order error messages list them. */
export const FIGURE_KINDS: readonly FigureSpec["kind"][] = [
  "curve",
  "bar",
  "scatter",
  "image",
];

const SRC_RE = /^[A-Za-z0-9._/-]+$/;

// What is wrong with one figure (its id already checked), or undefined.
function scatterProblem(f: Record<string, unknown>): string | undefined {
  const bad = ["x", "y", "color"].filter((k) => typeof f[k] !== "string");
  if (bad.length > 0) {
    return `expected scatter figure "${f.id}" x, y and color to be strings (metric keys x and y, config key color), got ${
      bad.map((k) => `${k}: ${typeof f[k]}`).join(", ")
    }`;
  }
  if (f.shape !== undefined && typeof f.shape !== "string") {
    return `expected scatter figure "${f.id}" shape to be a string, got ${typeof f
      .shape}`;
  }
  return undefined;
}

function imageProblem(f: Record<string, unknown>): string | undefined {
  const src = f.src;
  if (
    typeof src !== "string" || !SRC_RE.test(src) || src.startsWith("/") ||
    !src.endsWith(".png") || src.split("/").some((s) => s === ".." || s === "")
  ) {
    return `expected image figure "${f.id}" src to be a relative ".png" path of [A-Za-z0-9._/-] without ".." segments, got ${
      JSON.stringify(src)
    }`;
  }
  if (
    f.width !== undefined &&
    !(typeof f.width === "number" && Number.isFinite(f.width) && f.width > 0)
  ) {
    return `expected image figure "${f.id}" width to be a positive number, got ${
      JSON.stringify(f.width)
    }`;
  }
  return undefined;
}

/**
 * What is wrong with one parsed figure declaration, as the detail of an error
 * message naming the figure id; `undefined` when it is acceptable. Ids are
 * checked by the page (file-safe and unique), not here.
 *
 * @param raw One element of `page.figures`.
 * @returns The problem, or undefined.
 *
 * @example An image outside the paper's folder
 * ```ts
 * import assert from "node:assert/strict";
 * import { figureProblem } from "./figure_spec.ts";
 * assert.equal(figureProblem({ kind: "image", id: "im", title: "I", src: "a/b.png" }), undefined);
 * assert.match(figureProblem({ kind: "image", id: "im", title: "I", src: "../b.png" }) ?? "", /"im" src/);
 * ```
 */
export function figureProblem(raw: unknown): string | undefined {
  const f = (raw ?? {}) as Record<string, unknown>;
  switch (f.kind) {
    case "curve":
    case "bar":
      return undefined;
    case "scatter":
      return scatterProblem(f);
    case "image":
      return imageProblem(f);
    default:
      return `expected figure "${f.id}" kind "curve", "bar", "scatter" or "image", got ${
        JSON.stringify(f.kind)
      }`;
  }
}

/**
 * Every claim id a figure refers to through `paper` (both ids of each scatter
 * entry), e.g. to check a page against its claims file.
 *
 * @param figure A figure declaration.
 * @returns The claim ids in `paper` key order; none for image figures.
 *
 * @example A scatter figure names two claims per point
 * ```ts
 * import assert from "node:assert/strict";
 * import { figureClaimIds } from "./figure_spec.ts";
 * assert.deepEqual(figureClaimIds({ kind: "scatter", id: "s", title: "S", x: "ms", y: "acc",
 *   color: "model", paper: { resnet: { x: "resnet-ms", y: "resnet-acc" } } }), ["resnet-ms", "resnet-acc"]);
 * assert.deepEqual(figureClaimIds({ kind: "bar", id: "b", title: "B", metric: "acc", x: "arm",
 *   paper: { kd: "kd-acc" } }), ["kd-acc"]);
 * ```
 */
export function figureClaimIds(figure: FigureSpec): string[] {
  if (figure.kind === "image") return [];
  if (figure.kind === "scatter") {
    return Object.values(figure.paper ?? {}).flatMap(({ x, y }) => [x, y]);
  }
  return Object.values(figure.paper ?? {});
}
