import assert from "node:assert/strict";
import { fromTorchLayout, toTorchLayout } from "../../lib/compression/mod.ts";

Deno.test("toTorchLayout() puts w[h,w,i,o] at [o,i,h,w] when the kernel is 2×3×2×2", () => {
  const shape: [number, number, number, number] = [2, 3, 2, 2];
  const code = (h: number, w: number, i: number, o: number) =>
    1000 * h + 100 * w + 10 * i + o;
  const tfjs = new Float32Array(24);
  for (let h = 0; h < 2; h++) {
    for (let w = 0; w < 3; w++) {
      for (let i = 0; i < 2; i++) {
        for (let o = 0; o < 2; o++) {
          tfjs[((h * 3 + w) * 2 + i) * 2 + o] = code(h, w, i, o);
        }
      }
    }
  }
  const torch = toTorchLayout(tfjs, shape);
  for (let o = 0; o < 2; o++) {
    for (let i = 0; i < 2; i++) {
      for (let h = 0; h < 2; h++) {
        for (let w = 0; w < 3; w++) {
          assert.equal(torch[((o * 2 + i) * 2 + h) * 3 + w], code(h, w, i, o));
        }
      }
    }
  }
  assert.deepEqual(fromTorchLayout(torch, shape), tfjs);
});
