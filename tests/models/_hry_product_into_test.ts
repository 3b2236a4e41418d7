import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import {
  hryProductProbs,
  hryProductVjp,
  hryShiftDifferenceVjp,
} from "../../lib/models/hry_product_circuit.ts";
import {
  hryProductProbsInto,
  hryProductVjpInto,
  hryShiftDifferenceVjpInto,
} from "../../lib/models/_hry_product_into.ts";

Deno.test("hryProductProbsInto() and hryProductVjpInto() equal the batched kernels", () => {
  const rng = createRng(1);
  for (const nQubits of [1, 3, 4]) {
    const theta = new Float64Array(nQubits).map(() =>
      (2 * rng.next() - 1) * Math.PI
    );
    const dProbs = new Float64Array(1 << nQubits).map(() => rng.normal());
    const probs = new Float64Array(1 << nQubits);
    hryProductProbsInto(theta, probs);
    assert.deepEqual(
      Array.from(probs),
      Array.from(hryProductProbs(theta, [1, nQubits])),
    );
    const out = new Float64Array(nQubits);
    hryProductVjpInto(theta, dProbs, {
      out,
      probs: new Float64Array(1 << nQubits),
    });
    const want = hryProductVjp(theta, [1, nQubits], { dProbs });
    for (let j = 0; j < nQubits; j++) {
      assert.ok(Math.abs(out[j] - want[j]) < 1e-15);
    }
    const scratch = {
      probs: new Float64Array(1 << nQubits),
      shifted: new Float64Array(nQubits),
    };
    hryShiftDifferenceVjpInto(theta, dProbs, { shots: 0, rng, out, scratch });
    const shift = hryShiftDifferenceVjp(theta, [1, nQubits], { dProbs });
    for (let j = 0; j < nQubits; j++) {
      assert.ok(Math.abs(out[j] - shift[j]) < 1e-15);
      assert.ok(Math.abs(out[j] - Math.SQRT2 * want[j]) < 1e-12);
    }
  }
});

Deno.test("hryShiftDifferenceVjpInto() with shots is unbiased for √2 × the exact gradient", () => {
  const theta = new Float64Array([0.4, -1.2, 2.0]);
  const dProbs = new Float64Array([0.3, -1, 0.2, 0.5, -0.4, 0.9, 0.1, -0.6]);
  const exact = hryProductVjp(theta, [1, 3], { dProbs });
  const rng = createRng(4);
  const out = new Float64Array(3);
  const scratch = { probs: new Float64Array(8), shifted: new Float64Array(3) };
  const nReps = 400;
  const mean = new Float64Array(3);
  for (let r = 0; r < nReps; r++) {
    hryShiftDifferenceVjpInto(theta, dProbs, {
      shots: 2000,
      rng,
      out,
      scratch,
    });
    for (let j = 0; j < 3; j++) mean[j] += out[j] / nReps;
  }
  // Each estimate's SD is ≤ 2·max|g|/√2000 ≈ 0.045, so its mean over 400 is within ~0.011 (5 SE).
  for (let j = 0; j < 3; j++) {
    assert.ok(
      Math.abs(mean[j] - Math.SQRT2 * exact[j]) < 0.011,
      `${mean[j]} vs ${Math.SQRT2 * exact[j]}`,
    );
  }
});
