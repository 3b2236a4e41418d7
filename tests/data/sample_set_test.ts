import assert from "node:assert/strict";
import { imageSize } from "../../lib/data/sample_set.ts";

Deno.test("imageSize() multiplies height, width and channels", () => {
  assert.equal(imageSize([50000, 32, 32, 3]), 3072);
  assert.equal(imageSize([0, 28, 28, 1]), 784);
});
