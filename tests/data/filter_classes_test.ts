import assert from "node:assert/strict";
import { filterClasses } from "../../lib/data/filter_classes.ts";
import { loadDataset } from "../../lib/data/load_dataset.ts";
import { DATA_DIR, imageSet } from "./_fixtures.ts";

Deno.test("filterClasses() keeps order and numbers classes by list position", () => {
  const set = imageSet(new Uint8Array([0, 10, 20, 30, 40, 50]), [3, 1, 2, 1], [
    0,
    3,
    0,
  ]);
  const out = filterClasses(set, [3, 0]); // Fashion "2_Class": 3 → 0, 0 → 1
  assert.deepEqual([...out.labels], [1, 0, 1]);
  assert.deepEqual([...out.images], [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(out.shape, [3, 1, 2, 1]);
});

Deno.test("filterClasses() rejects an empty or repeated class list", () => {
  const set = imageSet(new Uint8Array(1), [1, 1, 1, 1]);
  assert.throws(
    () => filterClasses(set, []),
    /^RangeError: Cannot filter classes: expected distinct labels, got \[\]$/,
  );
  assert.throws(() => filterClasses(set, [1, 1]), /got \[1, 1\]/);
});

Deno.test("filterClasses() gives the MNIST 3-vs-6 split sizes from the label counts", async () => {
  const train = filterClasses(
    await loadDataset("mnist", { dataDir: DATA_DIR }),
    [3, 6],
  );
  assert.equal(train.shape[0], 6131 + 5918);
  let sixes = 0;
  for (const l of train.labels) sixes += l;
  assert.equal(sixes, 5918);
});
