import assert from "node:assert/strict";
import { kdReduce } from "../../lib/models/kd_reduction.ts";

type Shape = [number, number, number, number];

/** Two 28×28 images whose pixel (r, c) holds r·28 + c (the second image adds 1). */
function indexImages(): {
  images: Float32Array;
  shape: Shape;
  labels: Uint8Array;
} {
  const images = new Float32Array(2 * 784);
  for (let i = 0; i < 2; i++) {
    for (let p = 0; p < 784; p++) images[i * 784 + p] = (p + i) / 4;
  }
  return { images, shape: [2, 28, 28, 1], labels: new Uint8Array([0, 1]) };
}

const pixel = (r: number, c: number) => (r * 28 + c) / 4 / 255;
const ATOL = 1e-6;

Deno.test("kdReduce() center_crop keeps rows and columns 6–21 when Q = 8 and 12–15 when Q = 4", () => {
  const set = indexImages();
  const crop8 = kdReduce(set, set, { method: "center_crop", nQubits: 8 }).train;
  assert.deepEqual(crop8.shape, [2, 16, 16, 1]);
  assert.ok(Math.abs(crop8.images[0] - pixel(6, 6)) < ATOL);
  assert.ok(Math.abs(crop8.images[255] - pixel(21, 21)) < ATOL);
  const crop4 = kdReduce(set, set, { method: "center_crop", nQubits: 4 }).test;
  assert.deepEqual(crop4.shape, [2, 4, 4, 1]);
  assert.ok(Math.abs(crop4.images[0] - pixel(12, 12)) < ATOL);
  assert.ok(Math.abs(crop4.images[15] - pixel(15, 15)) < ATOL);
});

Deno.test("kdReduce() avg_pool averages 7×7 blocks when Q = 4", () => {
  const set = indexImages();
  const { train } = kdReduce(set, set, { method: "avg_pool", nQubits: 4 });
  assert.deepEqual(train.shape, [2, 4, 4, 1]);
  // Block (1, 2): rows 7–13, columns 14–20; the mean of r·28 + c is at its centre.
  assert.ok(Math.abs(train.images[1 * 4 + 2] - pixel(10, 17)) < 1e-5);
});

Deno.test("kdReduce() max_pool uses PyTorch adaptive bins when Q = 8", () => {
  const set = indexImages();
  const { train } = kdReduce(set, set, { method: "max_pool", nQubits: 8 });
  assert.deepEqual(train.shape, [2, 16, 16, 1]);
  // Bin 1 spans [⌊28/16⌋, ⌈56/16⌉) = rows 1–3; its maximum is at (3, 3).
  assert.ok(Math.abs(train.images[1 * 16 + 1] - pixel(3, 3)) < ATOL);
  assert.ok(Math.abs(train.images[255] - pixel(27, 27)) < ATOL);
});

Deno.test("kdReduce() pca gives 2^Q components centred on the training split", () => {
  const n = 40;
  const images = new Uint8Array(n * 784);
  for (let i = 0; i < images.length; i++) {
    images[i] = (i * 7919 + (i >> 5) * 31) % 256;
  }
  const train = {
    images,
    shape: [n, 28, 28, 1] as Shape,
    labels: new Uint8Array(n),
  };
  const test = {
    images: images.slice(0, 2 * 784),
    shape: [2, 28, 28, 1] as Shape,
    labels: new Uint8Array(2),
  };
  const reduced = kdReduce(train, test, { method: "pca", nQubits: 4 });
  assert.deepEqual(reduced.train.shape, [n, 1, 1, 16]);
  assert.deepEqual(reduced.test.shape, [2, 1, 1, 16]);
  for (let k = 0; k < 16; k++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += reduced.train.images[i * 16 + k] / n;
    assert.ok(Math.abs(mean) < 1e-4, `component ${k}: mean ${mean}`);
  }
  // The test images are training images 0 and 1: same projection.
  for (let k = 0; k < 32; k++) {
    assert.ok(
      Math.abs(reduced.test.images[k] - reduced.train.images[k]) < 1e-5,
    );
  }
});

Deno.test("kdReduce() fc converts colour images to grey luma in [0, 1]", () => {
  const images = new Uint8Array([
    255,
    0,
    0,
    0,
    255,
    0,
    0,
    0,
    255,
    255,
    255,
    255,
  ]);
  const set = {
    images,
    shape: [1, 2, 2, 3] as Shape,
    labels: new Uint8Array(1),
  };
  const { train } = kdReduce(set, set, { method: "fc", nQubits: 2 });
  assert.deepEqual(train.shape, [1, 2, 2, 1]);
  const expected = [0.299, 0.587, 0.114, 1];
  for (let i = 0; i < 4; i++) {
    assert.ok(Math.abs(train.images[i] - expected[i]) < 1e-6);
  }
});

Deno.test("kdReduce() names the method and qubit count when the grid cannot be square", () => {
  const set = indexImages();
  assert.throws(
    () => kdReduce(set, set, { method: "avg_pool", nQubits: 3 }),
    /Cannot reduce 28×28 images with avg_pool: expected an even qubit count with a square grid inside the image, got 3 qubits/,
  );
});
