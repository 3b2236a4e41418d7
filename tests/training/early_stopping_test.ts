import assert from "node:assert/strict";
import { earlyStopping } from "../../lib/training/mod.ts";

Deno.test("earlyStopping() ignores improvements smaller than minDelta when mode is max", () => {
  const rule = earlyStopping({
    monitor: "val_accuracy",
    mode: "max",
    patience: 2,
    minDelta: 0.01,
  });
  const stops = [0.5, 0.505, 0.52, 0.521, 0.525].map((v) =>
    rule.update({ val_accuracy: v })
  );
  assert.deepEqual(stops, [false, false, false, false, true]);
  assert.deepEqual(rule.state, { best: -0.52, wait: 2 });
});

Deno.test("earlyStopping() throws a RangeError naming the field when the record lacks it", () => {
  assert.throws(
    () => earlyStopping().update({ train_loss: 1 }),
    new RangeError(
      'Cannot apply early stopping: expected a number in record field "val_loss", got undefined',
    ),
  );
});
