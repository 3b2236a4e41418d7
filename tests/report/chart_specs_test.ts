import assert from "node:assert/strict";
import { barSpec, curveSpec } from "../../lib/report/chart_specs.ts";
import { ci95 } from "../../lib/report/stats.ts";
import { demoClaims, syntheticCell } from "./_fixtures.ts";

type Row = Record<string, number | string | null>;
const rowsOf = (spec: Record<string, unknown>) =>
  (spec.data as { values: Row[] }).values;

Deno.test("curveSpec() gives per-epoch mean and 95% CI over seeds, scaled, with the paper series dashed", () => {
  const cells = [1, 2, 3].flatMap((
    s,
  ) => [syntheticCell("kd", s), syntheticCell("base", s)]);
  const spec = curveSpec(cells, {
    kind: "curve",
    id: "c",
    title: "C",
    curve: "testAcc",
    color: "arm",
    scale: 100,
    paper: { base: "baseline-curve" },
  }, { claims: demoClaims() });
  const rows = rowsOf(spec);
  const kd1 = rows.find((r) =>
    r.series === "kd" && r.x === 1 && r.source === "reproduced"
  )!;
  const expected = ci95([1, 2, 3].map((s) => (0.5 + 0.02 + s * 0.005) * 100));
  assert.ok(Math.abs((kd1.mean as number) - expected.mean) < 1e-8);
  assert.ok(Math.abs((kd1.hi as number) - expected.hi) < 1e-8);
  assert.equal(kd1.n, 3);
  const paper = rows.filter((r) => r.source === "paper");
  assert.deepEqual(paper.map((r) => [r.series, r.x, r.mean]), [
    ["base", 1, 60],
    ["base", 2, 85],
    ["base", 3, 90],
  ]);
  // groups sorted: base before kd
  assert.equal(rows[0].series, "base");
});

Deno.test("curveSpec() pools only the seeds that reach an epoch when curves differ in length", () => {
  const a = syntheticCell("kd", 1);
  const b = { ...syntheticCell("kd", 2), curves: { testAcc: [0.4] } };
  const rows = rowsOf(
    curveSpec([a, b], {
      kind: "curve",
      id: "c",
      title: "C",
      curve: "testAcc",
      color: "arm",
    }),
  );
  assert.deepEqual(rows.map((r) => r.n), [2, 1, 1]);
  assert.equal(rows[1].lo, null);
});

Deno.test("barSpec() groups by x and color and attaches the paper value by 'x|color' key", () => {
  const cells = [1, 2].flatMap((
    s,
  ) => [
    syntheticCell("kd", s),
    syntheticCell("base", s, { dataset: "fashion" }),
  ]);
  const rows = rowsOf(barSpec(cells, {
    kind: "bar",
    id: "b",
    title: "B",
    metric: "testAcc",
    x: "arm",
    color: "dataset",
    scale: 100,
    paper: { "kd|mnist": "kd-acc" },
  }, { claims: demoClaims() }));
  assert.deepEqual(rows.map((r) => [r.x, r.group, r.n, r.paper]), [[
    "base",
    "fashion",
    2,
    null,
  ], [
    "kd",
    "mnist",
    2,
    93.5,
  ]]);
  assert.ok(Math.abs((rows[1].mean as number) - (0.92 + 0.0075) * 100) < 1e-8);
});

Deno.test("barSpec() skips null metrics when a cell diverged", () => {
  const bad = { ...syntheticCell("kd", 2), metrics: { testAcc: null } };
  const rows = rowsOf(barSpec([syntheticCell("kd", 1), bad], {
    kind: "bar",
    id: "b",
    title: "B",
    metric: "testAcc",
    x: "arm",
  }));
  assert.equal(rows[0].n, 1);
});
