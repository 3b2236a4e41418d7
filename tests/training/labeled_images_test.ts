import assert from "node:assert/strict";
import { gatherBatch } from "../../lib/training/mod.ts";

Deno.test("gatherBatch() copies float images unscaled and returns a short count when the batch is partial", () => {
  const set = {
    images: new Float32Array([1, 2, 3, 4, 5, 6]),
    shape: [3, 1, 2, 1] as [number, number, number, number],
    labels: new Uint8Array([7, 8, 9]),
  };
  const out = new Float32Array(4).fill(-1);
  const labelsOut = new Int32Array(2);
  const n = gatherBatch(set, {
    indices: [1, 0, 2],
    start: 2,
    batchSize: 2,
    out,
    labelsOut,
  });
  assert.equal(n, 1);
  assert.deepEqual(Array.from(out), [5, 6, -1, -1]);
  assert.equal(labelsOut[0], 9);
});

Deno.test("gatherBatch() throws a RangeError with the needed size when the buffer is too small", () => {
  const set = {
    images: new Uint8Array(8),
    shape: [2, 2, 2, 1] as [number, number, number, number],
    labels: new Uint8Array(2),
  };
  assert.throws(
    () =>
      gatherBatch(set, {
        indices: [0, 1],
        start: 0,
        batchSize: 2,
        out: new Float32Array(4),
        labelsOut: new Int32Array(2),
      }),
    new RangeError(
      "Cannot gather batch: expected an output buffer of 8 floats, got 4",
    ),
  );
});
