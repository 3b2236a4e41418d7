import assert from "node:assert/strict";
import { createRng } from "../../lib/runtime/mod.ts";

Deno.test("createRng() gives the same stream for the same seed", () => {
  const a = createRng(42), b = createRng(42);
  for (let i = 0; i < 100; i++) assert.equal(a.uint32(), b.uint32());
  assert.notEqual(createRng(42).uint32(), createRng(43).uint32());
});

Deno.test("Rng.next() is uniform on [0, 1) by a chi-square test", () => {
  const rng = createRng(1);
  const bins = new Float64Array(20);
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    const x = rng.next();
    assert.ok(x >= 0 && x < 1);
    bins[Math.floor(x * 20)]++;
  }
  const expected = n / 20;
  const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
  // 19 degrees of freedom: P(chi2 > 43.8) = 0.001.
  assert.ok(chi2 < 43.8, `chi2 = ${chi2}`);
});

Deno.test("Rng.normal() has mean 0 and variance 1", () => {
  const rng = createRng(2);
  const n = 100_000;
  let s = 0, s2 = 0;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    s += z;
    s2 += z * z;
  }
  assert.ok(Math.abs(s / n) < 0.02);
  assert.ok(Math.abs(s2 / n - 1) < 0.02);
});

Deno.test("Rng.int() stays in range and hits every value", () => {
  const rng = createRng(3);
  const seen = new Uint32Array(7);
  for (let i = 0; i < 7000; i++) seen[rng.int(7)]++;
  for (const c of seen) assert.ok(c > 850 && c < 1150, `count ${c}`);
  assert.throws(() => rng.int(0), /expected 1 ≤ n ≤ 2\^32/);
});

Deno.test("Rng.permutation() is a permutation", () => {
  const p = createRng(4).permutation(1000);
  assert.deepEqual([...p].sort((a, b) => a - b), [...Array(1000).keys()]);
});

Deno.test("Rng.fork() depends on seed and label, not on parent draws", () => {
  const a = createRng(5);
  const b = createRng(5);
  for (let i = 0; i < 10; i++) b.uint32();
  assert.equal(a.fork("init").uint32(), b.fork("init").uint32());
  assert.notEqual(a.fork("init").uint32(), a.fork("data").uint32());
  assert.notEqual(a.fork(0).uint32(), createRng(6).fork(0).uint32());
});

Deno.test("createRng() rejects a non-integer seed", () => {
  assert.throws(() => createRng(1.5), /expected an integer, got 1.5/);
});
