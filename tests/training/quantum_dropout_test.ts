import assert from "node:assert/strict";
import {
  createQuantumDropout,
  gatesOfDroppedWire,
  maskGradient,
} from "../../lib/training/quantum_dropout.ts";
import { createRng } from "../../lib/runtime/mod.ts";

// The 6-qubit pyramid of notes §1.4, written out by hand: lower wire of θ0 … θ14.
const LOWER_WIRE = [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0];
const GATES = LOWER_WIRE.map((w) => ({ wires: [w, w + 1] }));

function zeros(mask: Uint8Array): number[] {
  return [...mask].flatMap((m, k) => (m ? [] : [k]));
}

Deno.test("gatesOfDroppedWire() gives M0 and M1 of notes §3.1 when wires 0 and 1 are dropped", () => {
  assert.deepEqual(gatesOfDroppedWire(0, { gates: GATES, nQubits: 6 }), [
    0,
    2,
    6,
    11,
    14,
  ]);
  assert.deepEqual(gatesOfDroppedWire(1, { gates: GATES, nQubits: 6 }), [
    1,
    4,
    9,
    13,
  ]);
  assert.deepEqual(gatesOfDroppedWire(5, { gates: GATES, nQubits: 6 }), [8]); // pair (4, 5)
  assert.deepEqual(
    gatesOfDroppedWire(0, { gates: GATES, nQubits: 6, gateSet: "pairInner" }),
    [2, 6, 11], // tmp figure notebooks (§3.2)
  );
  assert.throws(() => gatesOfDroppedWire(6, { gates: GATES, nQubits: 6 }), {
    name: "RangeError",
    message: "Cannot drop wire 6: expected a wire in 0…5",
  });
});

Deno.test("createQuantumDropout() drops wire 0 exactly when u ≤ pDrop after the first epoch", () => {
  const coins = [0.1, 0.6, 0.5, 0.2];
  let i = 0;
  const dropout = createQuantumDropout({
    nQubits: 6,
    gates: GATES,
    pDrop: 0.5,
    rng: { next: () => coins[i++], int: () => 0 },
  });
  const epochs = [1, 2, 3, 4].map((e) => dropout.startEpoch(e));
  assert.deepEqual(epochs.map((e) => e.drop), [false, false, true, true]); // epoch 1 never, u=0.5 drops
  assert.deepEqual(epochs[2].droppedWires, [0]);
  assert.deepEqual([...epochs[2].trainWireMask], [0, 1, 1, 1, 1, 1]);
  assert.deepEqual([...epochs[2].evalWireMask], [0, 1, 1, 1, 1, 1]); // reference: also at evaluation
  assert.deepEqual(zeros(epochs[2].gradMask), [0, 2, 6, 11, 14]);
  assert.deepEqual(zeros(epochs[1].gradMask), []);
  assert.deepEqual([...epochs[1].trainWireMask], [1, 1, 1, 1, 1, 1]);
  assert.equal(i, 4); // a coin is drawn every epoch, the first included
});

Deno.test("createQuantumDropout() keeps evaluation unmasked when maskAtEval is off", () => {
  const dropout = createQuantumDropout({
    nQubits: 6,
    gates: GATES,
    pDrop: 1,
    nDropWires: 2,
    maskAtEval: false,
    freshModelEachEpoch: false,
    rng: createRng(5),
  });
  const e2 = (dropout.startEpoch(1), dropout.startEpoch(2));
  assert.deepEqual([...e2.trainWireMask], [0, 0, 1, 1, 1, 1]);
  assert.deepEqual([...e2.evalWireMask], [1, 1, 1, 1, 1, 1]);
  assert.deepEqual(zeros(e2.gradMask), [0, 1, 2, 4, 6, 9, 11, 13, 14]); // M0 ∪ M1
  assert.equal(dropout.freshModelEachEpoch, false);
});

Deno.test("createQuantumDropout() picks every wire about equally when wireChoice is random", () => {
  const dropout = createQuantumDropout({
    nQubits: 6,
    gates: GATES,
    pDrop: 1,
    wireChoice: "random",
    rng: createRng(11),
  });
  const counts = new Array(6).fill(0);
  for (let e = 2; e < 6002; e++) {
    counts[dropout.startEpoch(e).droppedWires[0]]++;
  }
  for (const c of counts) {
    assert.ok(Math.abs(c / 6000 - 1 / 6) < 0.03, `got ${counts}`);
  }
});

Deno.test("createQuantumDropout() gives the same masks twice when the seed is the same", () => {
  const run = () => {
    const d = createQuantumDropout({
      nQubits: 6,
      gates: GATES,
      wireChoice: "random",
      rng: createRng(9),
    });
    return Array.from(
      { length: 20 },
      (_, e) => d.startEpoch(e + 1).droppedWires.join(","),
    );
  };
  assert.deepEqual(run(), run());
});

Deno.test("createQuantumDropout() throws a RangeError when pDrop is above 1", () => {
  assert.throws(
    () =>
      createQuantumDropout({
        nQubits: 6,
        gates: GATES,
        pDrop: 2,
        rng: createRng(1),
      }),
    {
      name: "RangeError",
      message: "Cannot create quantum dropout: expected 0 ≤ pDrop ≤ 1, got 2",
    },
  );
  assert.throws(
    () =>
      createQuantumDropout({
        nQubits: 6,
        gates: GATES,
        nDropWires: 6,
        rng: createRng(1),
      }),
    {
      name: "RangeError",
      message:
        "Cannot create quantum dropout: expected 1 ≤ nDropWires ≤ 5, got 6",
    },
  );
});

Deno.test("maskGradient() zeroes frozen entries when the mask has zeros", () => {
  assert.deepEqual([
    ...maskGradient(new Float32Array([1, 2]), new Uint8Array([1, 0])),
  ], [1, 0]);
  assert.throws(() => maskGradient(new Float32Array(2), new Uint8Array(3)), {
    name: "RangeError",
    message: "Cannot mask gradient: expected a mask of length 2, got 3",
  });
});
