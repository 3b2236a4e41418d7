import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { compareLatency, measureLatency } from "../../lib/compression/mod.ts";
import type { Model } from "../../lib/models/mod.ts";

await tf.setBackend("cpu");

Deno.test("measureLatency() runs warm-up plus repeats with the requested batch", async () => {
  const batches: number[] = [];
  const model: Model = {
    name: "m",
    variables: [],
    apply: (x) => {
      batches.push(x.shape[0]);
      return tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
    },
  };
  const t = await measureLatency(model, {
    batchSize: 3,
    inputShape: [2, 2, 1],
    nWarmup: 1,
    nRepeats: 4,
  });
  assert.deepEqual(batches, Array(5).fill(3)); // 1 warm-up + 4 timed passes, both clocks per pass
  assert.equal(t.nRepeats, 4);
  assert.ok(
    t.unsyncedMedianMsPerImage >= 0 &&
      t.unsyncedMedianMsPerImage <= t.maxMsPerImage,
  );
  assert.ok(
    t.minMsPerImage <= t.medianMsPerImage &&
      t.medianMsPerImage <= t.maxMsPerImage,
  );
});

Deno.test("measureLatency() throws a RangeError when the batch size is 0", async () => {
  const model: Model = {
    name: "m",
    variables: [],
    apply: (x) => tf.reshape(x, [1, -1]) as tf.Tensor2D,
  };
  await assert.rejects(
    () => measureLatency(model, { batchSize: 0, inputShape: [1, 1, 1] }),
    {
      name: "RangeError",
      message:
        "Cannot measure latency: expected a positive integer batchSize, got 0",
    },
  );
});

Deno.test("compareLatency() times every model once per round with rotating order when given three models", async () => {
  const calls: string[] = [];
  const make = (name: string): Model => ({
    name,
    variables: [],
    apply: (x) => {
      calls.push(name);
      return tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
    },
  });
  const t = await compareLatency([make("a"), make("b"), make("c")], {
    batchSize: 2,
    inputShape: [1, 1, 1],
    nWarmup: 1,
    nRepeats: 2,
  });
  assert.deepEqual(calls, ["a", "b", "c", "b", "c", "a", "c", "a", "b"]);
  assert.deepEqual(t.map((l) => l.nRepeats), [2, 2, 2]);
});
