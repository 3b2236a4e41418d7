import assert from "node:assert/strict";
import { randomSearch } from "../../lib/compression/mod.ts";
import { createRng } from "../../lib/runtime/mod.ts";

Deno.test("randomSearch() draws the same trials within the code's ranges when the seed is the same", async () => {
  const score = (p: { sparsity: number; rank: number }) =>
    Promise.resolve(p.rank + p.sparsity);
  const a = await randomSearch(score, { nTrials: 20, rng: createRng(5) });
  const b = await randomSearch(score, { nTrials: 20, rng: createRng(5) });
  assert.deepEqual(a, b);
  for (const t of a.trials) {
    assert.ok(t.sparsity >= 0.1 && t.sparsity < 0.9);
    assert.ok(Number.isInteger(t.rank) && t.rank >= 5 && t.rank <= 50);
  }
  assert.equal(a.best.score, Math.min(...a.trials.map((t) => t.score)));
});

Deno.test("randomSearch() throws a RangeError when nTrials is 0", async () => {
  await assert.rejects(
    () =>
      randomSearch(() => Promise.resolve(0), { nTrials: 0, rng: createRng(0) }),
    {
      name: "RangeError",
      message: "Cannot search: expected a positive integer nTrials, got 0",
    },
  );
});
