import assert from "node:assert/strict";
import { selectSamples, sliceSamples } from "../../lib/data/select_samples.ts";
import { imageSet } from "./_fixtures.ts";

const SET = imageSet(Float32Array.from({ length: 8 }, (_, i) => i / 2), [
  4,
  1,
  1,
  2,
], [0, 1, 2, 3]);

Deno.test("selectSamples() copies whole images in index order, repeats allowed", () => {
  const out = selectSamples(SET, [3, 0, 3]);
  assert.ok(out.images instanceof Float32Array);
  assert.deepEqual([...out.images], [3, 3.5, 0, 0.5, 3, 3.5]);
  assert.deepEqual([...out.labels], [3, 0, 3]);
  assert.deepEqual(out.shape, [3, 1, 1, 2]);
});

Deno.test("selectSamples() rejects an out-of-range index", () => {
  assert.throws(
    () => selectSamples(SET, [4]),
    /^RangeError: Cannot select sample 4: expected an integer index in 0…3$/,
  );
});

Deno.test("sliceSamples() takes a range and clamps its end", () => {
  const out = sliceSamples(SET, { start: 2, end: 10 });
  assert.deepEqual([...out.labels], [2, 3]);
  assert.deepEqual([...out.images], [2, 2.5, 3, 3.5]);
  assert.throws(
    () => sliceSamples(SET, { start: 3, end: 1 }),
    /expected 0 ≤ start ≤ end, got start 3, end 1/,
  );
});
