import assert from "node:assert/strict";
import {
  constantLr,
  cosineDecay,
  cosinePerEpoch,
  stepLr,
} from "../../lib/training/mod.ts";

const near = (a: number, b: number) => Math.abs(a - b) < 1e-12;

Deno.test("cosineDecay() goes from 1 to α and stays there when past decaySteps", () => {
  const s = cosineDecay(10, { alpha: 0.1 });
  assert.ok(near(s({ step: 0, epoch: 0 }), 1));
  assert.ok(near(s({ step: 5, epoch: 0 }), 0.1 + 0.9 * 0.5));
  assert.ok(near(s({ step: 10, epoch: 0 }), 0.1));
  assert.ok(near(s({ step: 99, epoch: 3 }), 0.1));
});

Deno.test("cosinePerEpoch() depends on the epoch only and reaches η_min at T_max", () => {
  const s = cosinePerEpoch(4, { etaMinRatio: 0.2 });
  assert.equal(s({ step: 0, epoch: 1 }), s({ step: 123, epoch: 1 }));
  assert.ok(near(s({ step: 0, epoch: 2 }), 0.6));
  assert.ok(near(s({ step: 0, epoch: 4 }), 0.2));
});

Deno.test("stepLr() multiplies by γ every stepSize epochs", () => {
  const s = stepLr(3, { gamma: 0.5 });
  assert.deepEqual([0, 2, 3, 5, 6].map((epoch) => s({ step: 0, epoch })), [
    1,
    1,
    0.5,
    0.5,
    0.25,
  ]);
});

Deno.test("constantLr() returns 1 everywhere", () => {
  assert.equal(constantLr()({ step: 1e6, epoch: 50 }), 1);
});

Deno.test("schedules throw RangeErrors naming the bad argument", () => {
  assert.throws(
    () => cosineDecay(0),
    new RangeError("Cannot build cosineDecay: expected decaySteps > 0, got 0"),
  );
  assert.throws(
    () => cosinePerEpoch(-1),
    new RangeError("Cannot build cosinePerEpoch: expected tMax > 0, got -1"),
  );
  assert.throws(
    () => stepLr(1.5),
    new RangeError(
      "Cannot build stepLr: expected a positive integer stepSize, got 1.5",
    ),
  );
});
