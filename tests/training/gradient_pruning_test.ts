import assert from "node:assert/strict";
import {
  createGradientPruning,
  drawCategorical,
  minMaxNormalize,
} from "../../lib/training/gradient_pruning.ts";
import { createRng } from "../../lib/runtime/mod.ts";

/** A uniform source replaying fixed values, so every draw is hand-computable. */
function replay(values: number[]): { next(): number } {
  let i = 0;
  return { next: () => values[i++ % values.length] };
}

Deno.test("createGradientPruning() follows the phase machine of notes §2.5 when counters start at 1 and 2", () => {
  // a0 = 1, p0 = 2, A = 2, P = 2: acc, prune, prune, acc, acc, prune, prune, acc
  const pruning = createGradientPruning({
    nParams: 3,
    accumulateWindow: 2,
    pruneWindow: 2,
    initialAccumulate: 1,
    initialPrune: 2,
    ratio: 0,
    schedule: false,
    rng: replay([0.5]),
  });
  const phases = Array.from(
    { length: 8 },
    () => pruning.step(new Float32Array(3)).phase,
  );
  assert.deepEqual(phases, [
    "accumulate",
    "prune",
    "prune",
    "accumulate",
    "accumulate",
    "prune",
    "prune",
    "accumulate",
  ]);
});

Deno.test("createGradientPruning() applies M ⊙ G of the accumulated window when the bug is off", () => {
  const pruning = createGradientPruning({
    nParams: 3,
    accumulateWindow: 2,
    pruneWindow: 1,
    ratio: 0.7, // k = max(1, ⌊0.7·3⌋) = 2 draws
    schedule: false,
    rng: replay([0.5, 0.1]),
  });
  const s1 = pruning.step(new Float32Array([1, -1, 2]));
  assert.equal(s1.phase, "accumulate");
  assert.deepEqual([...s1.gradTheta!], [1, -1, 2]); // all gradients applied (§2.1 step 3)
  pruning.step(new Float32Array([0, -1, 1]));
  assert.deepEqual([...pruning.accumulated], [1, -2, 3]);
  const s3 = pruning.step(new Float32Array([100, 100, 100]));
  // u = (G − min)/(max − min + 1e-8) ≈ [0.6, 0, 1], total ≈ 1.6:
  // draw 0.5·1.6 = 0.8 → index 2, draw 0.1·1.6 = 0.16 → index 0
  assert.equal(s3.phase, "prune");
  assert.deepEqual([...s3.drawn], [2, 0]);
  assert.deepEqual([...s3.gradTheta!], [1, 0, 3]);
  assert.equal(s3.separateQuantumStep, true); // two apply_gradients (§2.1 steps 4.5–4.6)
  assert.deepEqual([...pruning.accumulated], [0, 0, 0]); // reset, the current batch discarded
});

Deno.test("createGradientPruning() broadcasts G[0] to the drawn indices when scalarBroadcastBug is on", () => {
  const pruning = createGradientPruning({
    nParams: 3,
    accumulateWindow: 2,
    pruneWindow: 1,
    ratio: 0.7,
    scalarBroadcastBug: true,
    doubleOptimizerStep: false,
    rng: replay([0.5, 0.1]),
  });
  pruning.step(new Float32Array([1, -1, 2]));
  pruning.step(new Float32Array([0, -1, 1]));
  const s3 = pruning.step(new Float32Array(3));
  assert.deepEqual([...s3.gradTheta!], [1, 0, 1]); // G[0] = 1 at indices 2 and 0 (§2.2)
  assert.equal(s3.separateQuantumStep, false);
});

Deno.test("createGradientPruning() leaves θ out of accumulate steps when freezeQuantumInAccumulate is on", () => {
  const pruning = createGradientPruning({
    nParams: 2,
    accumulateWindow: 7,
    pruneWindow: 6,
    ratio: 0,
    freezeQuantumInAccumulate: true,
    rng: replay([0.99]),
  });
  for (let i = 0; i < 7; i++) {
    const s = pruning.step(new Float32Array([1, 2]));
    assert.equal(s.gradTheta, null);
  }
  const prune = pruning.step(new Float32Array([5, 5]));
  assert.deepEqual([...prune.gradTheta!], [0, 14]); // one draw, the larger accumulated entry
  for (let i = 0; i < 5; i++) {
    assert.deepEqual([...pruning.step(new Float32Array([5, 5])).gradTheta!], [
      0,
      0,
    ]); // G = 0 after reset
  }
  assert.equal(pruning.step(new Float32Array([1, 2])).phase, "accumulate");
});

Deno.test("createGradientPruning() raises r by e^0.1 every fifth prune step when schedule is on", () => {
  const pruning = createGradientPruning({
    nParams: 15,
    accumulateWindow: 1,
    pruneWindow: 100,
    ratio: 0.8,
    rng: createRng(1),
  });
  const sizes: number[] = [];
  for (let i = 0; i < 16; i++) {
    sizes.push(pruning.step(new Float32Array(15)).drawn.length);
  }
  // step 1 accumulates; prune steps 1–5 draw ⌊0.8·15⌋ = 12, 6–10 draw 13, 11–15 draw 14
  assert.deepEqual(sizes, [
    0,
    12,
    12,
    12,
    12,
    12,
    13,
    13,
    13,
    13,
    13,
    14,
    14,
    14,
    14,
    14,
  ]);
  assert.ok(Math.abs(pruning.ratio - Math.min(1, 0.8 * Math.exp(0.3))) < 1e-12);
});

Deno.test("createGradientPruning() throws a RangeError when a window is zero", () => {
  assert.throws(
    () =>
      createGradientPruning({ nParams: 3, pruneWindow: 0, rng: createRng(1) }),
    {
      name: "RangeError",
      message:
        "Cannot create gradient pruning: expected pruneWindow ≥ 1, got 0",
    },
  );
  assert.throws(
    () => createGradientPruning({ nParams: 3, ratio: 1.5, rng: createRng(1) }),
    {
      name: "RangeError",
      message:
        "Cannot create gradient pruning: expected 0 ≤ ratio ≤ 1, got 1.5",
    },
  );
});

Deno.test("minMaxNormalize() maps a constant accumulator to zeros when max equals min", () => {
  assert.deepEqual([
    ...minMaxNormalize(new Float64Array([2, 2]), new Float64Array(2)),
  ], [0, 0]);
  assert.throws(
    () => minMaxNormalize(new Float64Array(2), new Float64Array(3)),
    {
      name: "RangeError",
      message: "Cannot normalize: expected out of length 2, got 3",
    },
  );
});

Deno.test("drawCategorical() matches π ∝ u + 1e-8 in frequency when drawing many samples", () => {
  const u = new Float64Array([0.25, 0, 0.75]);
  const counts = [0, 0, 0];
  for (const i of drawCategorical(u, 20000, { rng: createRng(3) })) counts[i]++;
  assert.equal(counts[1], 0); // probability ≈ 1e-8
  assert.ok(Math.abs(counts[0] / 20000 - 0.25) < 0.015, `got ${counts}`);
});
