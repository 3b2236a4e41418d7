import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";
import { shuffleSamples, subsample } from "../../lib/data/subsample.ts";
import { imageSet } from "./_fixtures.ts";

const N = 50;
const SET = imageSet(
  Uint8Array.from({ length: N }, (_, i) => i),
  [N, 1, 1, 1],
  Array.from({ length: N }, (_, i) => i % 7),
);

Deno.test("subsample() draws n distinct samples in original order, keeping labels", () => {
  const out = subsample(SET, { n: 20, rng: createRng(3) });
  const idx = [...out.images];
  assert.equal(new Set(idx).size, 20);
  assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
  assert.deepEqual([...out.labels], idx.map((i) => i % 7));
});

Deno.test("subsample() depends only on the seed", () => {
  const a = subsample(SET, { n: 10, rng: createRng(11) });
  const b = subsample(SET, { n: 10, rng: createRng(11) });
  const c = subsample(SET, { n: 10, rng: createRng(12) });
  assert.deepEqual(a.images, b.images);
  assert.notDeepEqual(a.images, c.images);
});

Deno.test("subsample() picks every sample about equally often over many seeds", () => {
  const hits = new Array(N).fill(0);
  for (let seed = 0; seed < 400; seed++) {
    for (const i of subsample(SET, { n: 10, rng: createRng(seed) }).images) {
      hits[i]++;
    }
  }
  // each sample is picked with probability 1/5: mean 80, sd 8; allow 5 sd
  assert.ok(hits.every((h) => Math.abs(h - 80) < 40), hits.join(","));
});

Deno.test("subsample() rejects n above the set size", () => {
  assert.throws(
    () => subsample(SET, { n: 51, rng: createRng(0) }),
    /^RangeError: Cannot subsample: expected an integer n in 0…50, got 51$/,
  );
});

Deno.test("shuffleSamples() permutes samples with their labels", () => {
  const out = shuffleSamples(SET, { rng: createRng(5) });
  assert.deepEqual([...out.images].sort((a, b) => a - b), [...SET.images]);
  assert.deepEqual([...out.labels], [...out.images].map((i) => i % 7));
  assert.notDeepEqual(out.images, SET.images);
});
