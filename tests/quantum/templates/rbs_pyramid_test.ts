import assert from "node:assert/strict";
import {
  rbsPyramid,
  rbsPyramidPairs,
  rbsPyramidShape,
} from "../../../lib/quantum/mod.ts";

Deno.test("rbsPyramidPairs() gives the W4 gate list of WORKLOADS.md when n is 8", () => {
  const want = [
    0,
    1,
    0,
    2,
    1,
    3,
    0,
    2,
    4,
    1,
    3,
    5,
    0,
    2,
    4,
    6,
    1,
    3,
    5,
    0,
    2,
    4,
    1,
    3,
    0,
    2,
    1,
    0,
  ];
  assert.deepEqual([...rbsPyramidPairs(8, { layout: "w4" })], want);
});

Deno.test("rbsPyramidPairs() gives the Q-Drop table of qdrop.md §1.4 when n is 6", () => {
  assert.deepEqual([...rbsPyramidPairs(6)], [
    0,
    1,
    0,
    2,
    1,
    3,
    0,
    2,
    4,
    1,
    3,
    0,
    2,
    1,
    0,
  ]);
  // dropout mask M0 = gates on (0,1) (qdrop.md §3.1)
  const m0 = [...rbsPyramidPairs(6)].flatMap((a, k) => (a === 0 ? [k] : []));
  assert.deepEqual(m0, [0, 2, 6, 11, 14]);
});

Deno.test("rbsPyramidPairs() places n(n-1)/2 gates with n-1-i gates on pair i for both layouts", () => {
  for (const layout of ["qdrop", "w4"] as const) {
    for (let n = 2; n <= 11; n++) {
      const pairs = rbsPyramidPairs(n, { layout });
      assert.equal(pairs.length, rbsPyramidShape(n));
      for (let i = 0; i < n - 1; i++) {
        assert.equal(
          pairs.filter((a) => a === i).length,
          n - 1 - i,
          `${layout} n=${n} i=${i}`,
        );
      }
    }
  }
});

Deno.test("rbsPyramid() repeats each gate with the same weight when repeat is 2", () => {
  const ops = rbsPyramid(3, { repeat: 2, weightOffset: 5 });
  assert.deepEqual(ops.map((o) => (o.params[0] as { index: number }).index), [
    5,
    5,
    6,
    6,
    7,
    7,
  ]);
});

Deno.test("rbsPyramidShape() throws RangeError when n is below 2", () => {
  assert.throws(
    () => rbsPyramidShape(1),
    /Cannot build RBS pyramid: nQubits expected an integer >= 2, got 1/,
  );
});

Deno.test("rbsPyramidPairs() throws RangeError when the layout is unknown", () => {
  assert.throws(
    // @ts-expect-error: an undeclared layout
    () => rbsPyramidPairs(4, { layout: "brick" }),
    /Cannot build RBS pyramid: layout expected "qdrop" or "w4", got "brick"/,
  );
});
