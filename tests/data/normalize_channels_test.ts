import assert from "node:assert/strict";
import {
  channelStats,
  normalizeChannels,
} from "../../lib/data/normalize_channels.ts";
import { imageSet } from "./_fixtures.ts";

Deno.test("channelStats() gives per-channel mean and population std", () => {
  // channel 0: 1, 2, 3, 4 (mean 2.5, var 1.25); channel 1: all 7
  const set = imageSet(new Uint8Array([1, 7, 2, 7, 3, 7, 4, 7]), [2, 1, 2, 2]);
  const stats = channelStats(set);
  assert.deepEqual(stats.mean, [2.5, 7]);
  assert.ok(Math.abs(stats.std[0] - Math.sqrt(1.25)) < 1e-15);
  assert.equal(stats.std[1], 0);
});

Deno.test("normalizeChannels() with its own training statistics gives mean 0 and std 1", () => {
  const set = imageSet(
    Float32Array.from({ length: 300 }, (_, i) => (i % 3) * 10 + Math.sin(i)),
    [10, 5, 2, 3],
  );
  const out = normalizeChannels(set, channelStats(set));
  const again = channelStats(out);
  for (let c = 0; c < 3; c++) {
    assert.ok(Math.abs(again.mean[c]) < 1e-6);
    assert.ok(Math.abs(again.std[c] - 1) < 1e-6);
  }
});

Deno.test("normalizeChannels() rejects a wrong channel count or a zero std", () => {
  const set = imageSet(new Float32Array(6), [1, 1, 2, 3]);
  assert.throws(
    () => normalizeChannels(set, { mean: [0], std: [1] }),
    /^RangeError: Cannot normalise 3 channels: expected 3 means and 3 positive stds, got 1 and \[1\]$/,
  );
  assert.throws(
    () => normalizeChannels(set, { mean: [0, 0, 0], std: [1, 0, 1] }),
    /positive stds/,
  );
});
