import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import { sampleProbs } from "../../lib/quantum/mod.ts";

Deno.test("sampleProbs() gives frequencies within 5 standard errors of the probabilities", () => {
  const probs = [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0, 0];
  const shots = 20000;
  const f = sampleProbs(probs, { nOutcomes: 4, shots, rng: createRng(3) });
  probs.forEach((p, i) => {
    const se = Math.sqrt((p * (1 - p)) / shots);
    assert.ok(Math.abs(f[i] - p) <= 5 * se + 1e-12, `${i}: ${f[i]} vs ${p}`);
  });
  assert.ok(Math.abs(f.slice(0, 4).reduce((a, v) => a + v, 0) - 1) < 1e-9);
});

Deno.test("sampleProbs() repeats its draws for the same seed and changes them for another", () => {
  const probs = [0.25, 0.25, 0.25, 0.25];
  const a = sampleProbs(probs, { nOutcomes: 4, shots: 50, rng: createRng(7) });
  const b = sampleProbs(probs, { nOutcomes: 4, shots: 50, rng: createRng(7) });
  const c = sampleProbs(probs, { nOutcomes: 4, shots: 50, rng: createRng(8) });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

Deno.test("sampleProbs() throws RangeError when shots is not a positive integer", () => {
  assert.throws(
    () => sampleProbs([1], { nOutcomes: 1, shots: 0, rng: createRng(1) }),
    /Cannot sample probabilities: shots expected a positive integer, got 0/,
  );
});

Deno.test("sampleProbs() throws RangeError when the length is not a multiple of nOutcomes", () => {
  assert.throws(
    () =>
      sampleProbs([0.5, 0.5, 1], { nOutcomes: 2, shots: 1, rng: createRng(1) }),
    /Cannot sample probabilities: length expected a multiple of 2, got 3/,
  );
});
