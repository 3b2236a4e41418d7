import assert from "node:assert/strict";
import {
  stronglyEntangling,
  stronglyEntanglingShape,
} from "../../../lib/quantum/mod.ts";

Deno.test("stronglyEntangling() uses PennyLane's default ranges r_l = (l mod (M−1)) + 1", () => {
  const ops = stronglyEntangling(3, { wires: [0, 1, 2, 3] });
  const cnots = ops.filter((o) => o.gate === "CNOT").map((o) => o.wires);
  assert.deepEqual(cnots, [
    [0, 1],
    [1, 2],
    [2, 3],
    [3, 0],
    [0, 2],
    [1, 3],
    [2, 0],
    [3, 1],
    [0, 3],
    [1, 0],
    [2, 1],
    [3, 2],
  ]);
});

Deno.test("stronglyEntangling() reads weights w[l, i, j] at offset + 3(l·M + i) + j", () => {
  const ops = stronglyEntangling(2, {
    wires: [5, 6],
    weightOffset: 10,
    imprimitive: "CZ",
  });
  const rots = ops.filter((o) => o.gate === "Rot").map((o) =>
    o.params.map((p) => (p as { index: number }).index)
  );
  assert.deepEqual(rots, [[10, 11, 12], [13, 14, 15], [16, 17, 18], [
    19,
    20,
    21,
  ]]);
  assert.deepEqual(ops.filter((o) => o.gate === "CZ").map((o) => o.wires), [
    [5, 6],
    [6, 5],
    [5, 6],
    [6, 5],
  ]);
  assert.deepEqual(stronglyEntanglingShape(2, 2), [2, 2, 3]);
});

Deno.test("stronglyEntangling() throws RangeError when ranges has the wrong length", () => {
  assert.throws(
    () => stronglyEntangling(2, { wires: [0, 1, 2], ranges: [1] }),
    /Cannot build StronglyEntanglingLayers: ranges expected length 2, got 1/,
  );
});

Deno.test("stronglyEntangling() throws RangeError when a range is a multiple of the wire count", () => {
  assert.throws(
    () => stronglyEntangling(1, { wires: [0, 1, 2], ranges: [3] }),
    /range of layer 0 expected not a multiple of 3, got 3/,
  );
});
