import assert from "node:assert/strict";
import { cnotRing, czLadder } from "../../../lib/quantum/mod.ts";

Deno.test("cnotRing() closes the ring with CNOT(last → first) as in W1 and W2", () => {
  assert.deepEqual(cnotRing([0, 1, 2, 3]).map((o) => [o.gate, ...o.wires]), [
    ["CNOT", 0, 1],
    ["CNOT", 1, 2],
    ["CNOT", 2, 3],
    ["CNOT", 3, 0],
  ]);
});

Deno.test("czLadder() has no wrap-around as in W3", () => {
  assert.deepEqual(czLadder([0, 1, 2, 3]).map((o) => o.wires), [
    [0, 1],
    [1, 2],
    [2, 3],
  ]);
  assert.throws(
    () => czLadder([0]),
    /Cannot build CZ ladder: expected at least 2 wires, got 1/,
  );
  assert.throws(
    () => cnotRing([]),
    /Cannot build CNOT ring: expected at least 2 wires, got 0/,
  );
});
