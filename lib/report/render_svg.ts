/**
 * Render a Vega-Lite spec to a static SVG string at build time, with no DOM,
 * canvas or network: vega-lite compiles it to Vega, and vega's headless `View`
 * (renderer "none") serialises the scene graph to SVG.
 *
 * @module
 */

import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { VegaLiteSpec } from "./chart_specs.ts";

/** Options of {@linkcode renderSvg}. */
export interface RenderSvgOptions {
  /** Prefix for every `id` inside the SVG, so several SVGs can share one page. @default {"fig"} */
  idPrefix?: string;
}

/**
 * Rename every `id="…"` of an SVG (and its `url(#…)` / `href="#…"` references)
 * to `<prefix>-<n>` in order of appearance. Vega numbers clip paths with a
 * process-wide counter; renaming makes the output independent of render order
 * and keeps ids unique across inline SVGs in one page.
 *
 * @param svg SVG text.
 * @param prefix The id prefix.
 * @returns The SVG with renamed ids.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { renameSvgIds } from "./render_svg.ts";
 * const svg = '<clipPath id="clip7"/><g clip-path="url(#clip7)"/>';
 * assert.equal(renameSvgIds(svg, "f"), '<clipPath id="f-1"/><g clip-path="url(#f-1)"/>');
 * ```
 */
export function renameSvgIds(svg: string, prefix: string): string {
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!map.has(m[1])) map.set(m[1], `${prefix}-${map.size + 1}`);
  }
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id) => `id="${map.get(id)}"`)
    .replace(
      /url\(#([^)]+)\)/g,
      (s, id) => (map.has(id) ? `url(#${map.get(id)})` : s),
    )
    .replace(
      /href="#([^"]+)"/g,
      (s, id) => (map.has(id) ? `href="#${map.get(id)}"` : s),
    );
}

/**
 * Compile a Vega-Lite spec and render it to SVG headlessly.
 *
 * @param spec A Vega-Lite spec with inline data.
 * @param options The id prefix for the SVG's internal ids.
 * @returns The SVG text (starts with `<svg`).
 * @throws {Error} If vega-lite or vega rejects the spec (a bug in the caller).
 *
 * @example A two-point line
 * ```ts
 * import assert from "node:assert/strict";
 * import { renderSvg } from "./render_svg.ts";
 * const svg = await renderSvg({
 *   data: { values: [{ x: 1, y: 1 }, { x: 2, y: 3 }] },
 *   mark: "line",
 *   encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } },
 * });
 * assert.match(svg, /^<svg/);
 * ```
 */
export async function renderSvg(
  spec: VegaLiteSpec,
  { idPrefix = "fig" }: RenderSvgOptions = {},
): Promise<string> {
  const compiled = compile(spec as unknown as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return renameSvgIds(await view.toSVG(), idPrefix);
  } finally {
    view.finalize();
  }
}
