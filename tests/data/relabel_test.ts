import assert from "node:assert/strict";
import { relabel } from "../../lib/data/relabel.ts";
import { loadDataset } from "../../lib/data/load_dataset.ts";
import { DATA_DIR, imageSet } from "./_fixtures.ts";

Deno.test("relabel() maps every label and shares the images", () => {
  const set = imageSet(new Uint8Array([1, 2, 3]), [3, 1, 1, 1], [2, 0, 1]);
  const out = relabel(set, [5, 6, 7]);
  assert.deepEqual([...out.labels], [7, 5, 6]);
  assert.equal(out.images, set.images);
});

Deno.test("relabel() rejects a label outside the table and a value above 255", () => {
  const set = imageSet(new Uint8Array(2), [2, 1, 1, 1], [0, 4]);
  assert.throws(
    () => relabel(set, [0, 1]),
    /^RangeError: Cannot relabel: expected labels below 2, got 4 at index 1$/,
  );
  assert.throws(
    () => relabel(set, [0, 256, 0, 0, 0]),
    /expected mapping values in 0…255, got 256 for label 1/,
  );
});

Deno.test("relabel() splits RetinaMNIST test into 174 grade-0 and 226 other images", async () => {
  const test = await loadDataset("retinamnist", {
    dataDir: DATA_DIR,
    split: "test",
  });
  const binary = relabel(test, [0, 1, 1, 1, 1]);
  let rest = 0;
  for (const l of binary.labels) rest += l;
  assert.equal(rest, 400 - 174);
});
