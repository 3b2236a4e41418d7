import assert from "node:assert/strict";
import type { Cell } from "../../lib/report/cells.ts";
import type { ScatterFigure } from "../../lib/report/figure_spec.ts";
import { renderSvg } from "../../lib/report/render_svg.ts";
import { scatterRows, scatterSpec } from "../../lib/report/scatter_spec.ts";
import { demoClaims, MANIFEST } from "./_fixtures.ts";

// t₀.₉₇₅ with 1 and 2 degrees of freedom, from a printed Student-t table.
const T_975_1 = 12.706204736174707;
const T_975_2 = 4.302652729749464;
const ATOL = 1e-6;

function cell(
  config: Record<string, string>,
  seed: number,
  metrics: Record<string, number | null>,
): Cell {
  return {
    id: `${Object.values(config).join("-")}-s${seed}`,
    config,
    seed,
    profile: "smoke",
    impl: "code",
    metrics,
    manifest: MANIFEST,
  };
}

// Two models × three seeds; model "b" lists its seeds out of order.
const CELLS: Cell[] = [
  cell({ model: "a", method: "svd" }, 1, { ms: 10, acc: 0.5 }),
  cell({ model: "a", method: "svd" }, 2, { ms: 20, acc: 0.7 }),
  cell({ model: "a", method: "prune" }, 3, { ms: 15, acc: 0.6 }),
  cell({ model: "b", method: "prune" }, 3, { ms: 130, acc: 0.8 }),
  cell({ model: "b", method: "svd" }, 1, { ms: 100, acc: 0.9 }),
  cell({ model: "b", method: "prune" }, 2, { ms: 120, acc: 0.85 }),
];
const FIGURE: ScatterFigure = {
  kind: "scatter",
  id: "tradeoff",
  title: "Accuracy against latency",
  x: "ms",
  y: "acc",
  color: "model",
  yScale: 100,
};

function near(actual: number | null, expected: number, what: string) {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < ATOL,
    `${what}: expected ${expected}, got ${actual}`,
  );
}

Deno.test("scatterRows() gives each colour group the mean and 95% CI of x and y over its seeds", () => {
  const rows = scatterRows(CELLS, FIGURE);
  assert.deepEqual(rows.map((r) => [r.group, r.source, r.n]), [
    ["a", "reproduced", 3],
    ["b", "reproduced", 3],
  ]);
  // a: ms 10, 20, 15 → mean 15, s 5; acc 50, 70, 60 → mean 60, s 10.
  // b: ms 130, 100, 120 → mean 116.67, s 15.275; acc 80, 90, 85 → mean 85, s 5.
  const expected = [
    { x: 15, sx: 5, y: 60, sy: 10 },
    { x: 350 / 3, sx: Math.sqrt(700 / 3), y: 85, sy: 5 },
  ];
  rows.forEach((r, i) => {
    const e = expected[i];
    const hx = T_975_2 * e.sx / Math.sqrt(3);
    const hy = T_975_2 * e.sy / Math.sqrt(3);
    near(r.x, e.x, `${r.group} x`);
    near(r.xLo, e.x - hx, `${r.group} xLo`);
    near(r.xHi, e.x + hx, `${r.group} xHi`);
    near(r.y, e.y, `${r.group} y`);
    near(r.yLo, e.y - hy, `${r.group} yLo`);
    near(r.yHi, e.y + hy, `${r.group} yHi`);
  });
});

Deno.test("scatterRows() drops a cell from both means when one of its metrics is missing", () => {
  const cells = [...CELLS, cell({ model: "a", method: "svd" }, 4, { ms: 99 })];
  cells.push(cell({ model: "a", method: "svd" }, 5, { ms: 1, acc: null }));
  assert.deepEqual(
    scatterRows(cells, FIGURE).map((r) => [r.group, r.x, r.n]),
    [["a", 15, 3], ["b", 116.6666667, 3]],
  );
});

Deno.test("scatterRows() splits colour groups by shape and keys them colour|shape when shape is set", () => {
  const rows = scatterRows(CELLS, { ...FIGURE, shape: "method" });
  assert.deepEqual(
    rows.map((r) => [r.group, r.color, r.shape, r.x, r.n, r.xLo]),
    [
      ["a|prune", "a", "prune", 15, 1, null],
      // Two seeds each: s = √50, half-width t₀.₉₇₅,₁ · s / √2.
      ["a|svd", "a", "svd", 15, 2, 15 - T_975_1 * Math.sqrt(50 / 2)],
      ["b|prune", "b", "prune", 125, 2, 125 - T_975_1 * Math.sqrt(50 / 2)],
      ["b|svd", "b", "svd", 100, 1, null],
    ].map((r) => r.map((v) => typeof v === "number" ? round(v) : v)),
  );
});

function round(x: number): number {
  return Number(x.toPrecision(10));
}

Deno.test("scatterRows() adds one paper row per group whose two claims have values", () => {
  const claims = demoClaims();
  const rows = scatterRows(CELLS, {
    ...FIGURE,
    paper: {
      a: { x: "baseline-acc", y: "kd-acc" },
      b: { x: "baseline-acc", y: "claim-text" }, // a statement: no value
      c: { x: "nonexistent", y: "kd-acc" },
    },
  }, { claims });
  const paper = rows.filter((r) => r.source === "paper");
  assert.deepEqual(paper, [{
    group: "a",
    color: "a",
    shape: null,
    source: "paper",
    x: 91,
    xLo: null,
    xHi: null,
    y: 93.5,
    yLo: null,
    yHi: null,
    n: null,
  }]);
  assert.equal(
    scatterRows(CELLS, { ...FIGURE, paper: { a: { x: "a", y: "b" } } })
      .filter((r) => r.source === "paper").length,
    0,
  );
});

Deno.test("scatterSpec() uses a log x scale and drops CI rules below zero when xLog is set", () => {
  const layers = (f: ScatterFigure) =>
    JSON.stringify((scatterSpec(CELLS, f) as { layer: unknown[] }).layer);
  assert.match(layers({ ...FIGURE, xLog: true }), /"scale":\{"type":"log"\}/);
  assert.match(layers({ ...FIGURE, xLog: true }), /datum.xLo > 0/);
  assert.doesNotMatch(layers(FIGURE), /"log"/);
  assert.match(layers(FIGURE), /"scale":\{"zero":false\}/);
});

// Paths or lines inside the SVG group (self-closing when empty) of one Vega-Lite layer's marks.
function marksOfLayer(svg: string, layer: number): number {
  const re = new RegExp(
    `<g class="mark-[a-z]+ role-mark layer_${layer}_marks"[^>]*?(?:/>|>(.*?)</g>)`,
    "s",
  );
  return (svg.match(re)?.[1]?.match(/<(path|line)\b/g) ?? []).length;
}

Deno.test("scatterSpec() renders to SVG with one point per group and one paper marker", async () => {
  for (const xLog of [false, true]) {
    const svg = await renderSvg(
      scatterSpec(CELLS, {
        ...FIGURE,
        xLog,
        paper: { a: { x: "baseline-acc", y: "kd-acc" } },
      }, { claims: demoClaims() }),
      { idPrefix: "s" },
    );
    assert.match(svg, /^<svg/);
    assert.doesNotMatch(svg, /NaN|Infinity/);
    assert.equal(marksOfLayer(svg, 0), 2, "x CI rules");
    assert.equal(marksOfLayer(svg, 1), 2, "y CI rules");
    assert.equal(marksOfLayer(svg, 2), 2, "reproduced points");
    assert.equal(marksOfLayer(svg, 3), 1, "paper marker");
    assert.match(svg, />paper</);
  }
});

Deno.test("scatterSpec() leaves out a log-axis CI rule that reaches zero when a group's spread is wide", async () => {
  const cells = [
    cell({ model: "a" }, 1, { ms: 1, acc: 0.5 }),
    cell({ model: "a" }, 2, { ms: 100, acc: 0.6 }),
  ];
  const svg = await renderSvg(
    scatterSpec(cells, { ...FIGURE, xLog: true }),
    { idPrefix: "s" },
  );
  assert.doesNotMatch(svg, /NaN|Infinity/);
  assert.equal(marksOfLayer(svg, 0), 0, "x CI rule with xLo < 0");
  assert.equal(marksOfLayer(svg, 2), 1, "the point itself");
});
