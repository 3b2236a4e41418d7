import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import { accuracy, binaryAccuracy, rocAuc } from "../../lib/training/mod.ts";

Deno.test("rocAuc() equals the pairwise probability P(s⁺ > s⁻) + ½P(tie) when scores have ties", () => {
  const rng = createRng(5);
  const n = 300;
  const scores = Array.from({ length: n }, () => rng.int(20) / 20); // many ties
  const labels = Array.from(
    { length: n },
    (_, i) => (rng.next() < 0.3 + scores[i] / 3 ? 1 : 0),
  );
  let wins = 0, pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (labels[i] === 1 && labels[j] === 0) {
        pairs++;
        wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
      }
    }
  }
  assert.ok(Math.abs(rocAuc(scores, labels) - wins / pairs) < 1e-12);
});

Deno.test("rocAuc() returns NaN when only one class is present", () => {
  assert.ok(Number.isNaN(rocAuc([0.1, 0.2], [1, 1])));
});

Deno.test("accuracy() counts arg-max hits and throws a RangeError when shapes disagree", () => {
  const logits = new Float32Array([0.1, 0.9, 0.3, 2, 1, 0, -1, -2, 5]);
  assert.ok(Math.abs(accuracy(logits, [1, 0, 1]) - 2 / 3) < 1e-12);
  assert.throws(
    () => accuracy(new Float32Array(5), [0, 1]),
    new RangeError(
      "Cannot compute accuracy: expected logits of N·C values for N=2 labels, got 5",
    ),
  );
});

Deno.test("binaryAccuracy() thresholds logits at 0 when asked", () => {
  assert.equal(
    binaryAccuracy([-0.5, 0.2, 3], { labels: [0, 1, 0], threshold: 0 }),
    2 / 3,
  );
});
