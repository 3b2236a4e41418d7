import assert from "node:assert/strict";
import { join } from "node:path";
import { zipSync } from "fflate";
import { loadDataset } from "../../lib/data/load_dataset.ts";
import type { ImageSet } from "../../lib/data/sample_set.ts";
import { DATA_DIR, gzip, idxBytes, npyBytes, rejection } from "./_fixtures.ts";

// Real-file tests read the repository's data/ folder; import it first with
// `deno task data:fetch --from ../shared/data`. A missing dataset fails with
// loadDataset's message, which names the fetch command.

function classCounts(set: ImageSet, nClasses: number): number[] {
  const counts = new Array(nClasses).fill(0);
  for (const label of set.labels) counts[label]++;
  return counts;
}

function pixelSum(set: ImageSet): number {
  let sum = 0;
  for (let i = 0; i < set.images.length; i++) sum += set.images[i];
  return sum;
}

Deno.test("loadDataset() gives MNIST 60000×28×28 train with the published label counts", async () => {
  const train = await loadDataset("mnist", { dataDir: DATA_DIR });
  assert.deepEqual(train.shape, [60000, 28, 28, 1]);
  assert.deepEqual(
    classCounts(train, 10),
    [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949],
  );
  // golden: first labels of train-labels-idx1-ubyte; pixel sum by Python's gzip + sum()
  assert.deepEqual([...train.labels.subarray(0, 10)], [
    5,
    0,
    4,
    1,
    9,
    2,
    1,
    3,
    1,
    4,
  ]);
  assert.equal(pixelSum(train), 1567298545);
  const test = await loadDataset("mnist", { dataDir: DATA_DIR, split: "test" });
  assert.deepEqual(test.shape, [10000, 28, 28, 1]);
});

Deno.test("loadDataset() gives Fashion-MNIST 6000 per class in train and 1000 in test", async () => {
  const train = await loadDataset("fashion-mnist", { dataDir: DATA_DIR });
  assert.deepEqual(train.shape, [60000, 28, 28, 1]);
  assert.deepEqual(classCounts(train, 10), new Array(10).fill(6000));
  const test = await loadDataset("fashion-mnist", {
    dataDir: DATA_DIR,
    split: "test",
  });
  assert.deepEqual(test.shape, [10000, 28, 28, 1]);
  assert.deepEqual(classCounts(test, 10), new Array(10).fill(1000));
});

Deno.test("loadDataset() gives CIFAR-10 50000/10000 with 5000/1000 per class", async () => {
  const train = await loadDataset("cifar-10", { dataDir: DATA_DIR });
  assert.deepEqual(train.shape, [50000, 32, 32, 3]);
  assert.deepEqual(classCounts(train, 10), new Array(10).fill(5000));
  // golden: data_batch_1 labels from ../shared/data/README.md; record 0's pixel
  // (row 5, col 7) and byte sum read with Python from the raw .bin planes
  assert.deepEqual([...train.labels.subarray(0, 10)], [
    6,
    9,
    9,
    4,
    1,
    1,
    2,
    7,
    8,
    3,
  ]);
  const p = (5 * 32 + 7) * 3;
  assert.deepEqual([...train.images.subarray(p, p + 3)], [119, 77, 37]);
  let first = 0;
  for (let i = 0; i < 3072; i++) first += train.images[i];
  assert.equal(first, 317790);
  const test = await loadDataset("cifar-10", {
    dataDir: DATA_DIR,
    split: "test",
  });
  assert.deepEqual(test.shape, [10000, 32, 32, 3]);
  assert.deepEqual(classCounts(test, 10), new Array(10).fill(1000));
  assert.equal(test.labels[0], 3);
});

Deno.test("loadDataset() gives PneumoniaMNIST 4708/524/624 grayscale", async () => {
  const sizes = [];
  for (const split of ["train", "val", "test"] as const) {
    const set = await loadDataset("pneumoniamnist", {
      dataDir: DATA_DIR,
      split,
    });
    assert.deepEqual(set.shape.slice(1), [28, 28, 1]);
    sizes.push(set.shape[0]);
    if (split === "train") assert.equal(pixelSum(set), 538305934); // golden: NumPy
    if (split === "test") assert.deepEqual(classCounts(set, 2), [234, 390]); // 62.5 % pneumonia
  }
  assert.deepEqual(sizes, [4708, 524, 624]);
});

Deno.test("loadDataset() gives RetinaMNIST 1080/120/400 of 28×28×3", async () => {
  const sizes = [];
  for (const split of ["train", "val", "test"] as const) {
    const set = await loadDataset("retinamnist", { dataDir: DATA_DIR, split });
    assert.deepEqual(set.shape.slice(1), [28, 28, 3]);
    sizes.push(set.shape[0]);
    if (split === "train") {
      const p = (10 * 28 + 12) * 3; // golden: NumPy train_images[0, 10, 12]
      assert.deepEqual([...set.images.subarray(p, p + 3)], [162, 108, 61]);
    }
    if (split === "test") assert.equal(classCounts(set, 5)[0], 174); // 43.5 % grade 0
  }
  assert.deepEqual(sizes, [1080, 120, 400]);
});

async function tempData(
  files: Record<string, Uint8Array>,
): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "qrepro_data_" });
  for (const [path, bytes] of Object.entries(files)) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeFile(join(dir, path), bytes);
  }
  return dir;
}

const MNIST_LABELS = gzip(idxBytes(2049, [60000], new Uint8Array(60000)));

Deno.test("loadDataset() names the dataset and the fetch command when it is missing", async () => {
  const dir = await tempData({});
  const err = await rejection(() => loadDataset("mnist", { dataDir: dir }));
  assert.equal(
    err.message,
    `Dataset "mnist" is missing: "${dir}/mnist/train-images-idx3-ubyte.gz" does not exist; run "deno task data:fetch mnist"`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset() names the file and expected size when images are truncated", async () => {
  const full = idxBytes(2051, [60000, 28, 28], new Uint8Array(0));
  const dir = await tempData({
    "mnist/train-images-idx3-ubyte.gz": gzip(
      new Uint8Array([...full, 1, 2, 3]),
    ),
    "mnist/train-labels-idx1-ubyte.gz": MNIST_LABELS,
  });
  const err = await rejection(() => loadDataset("mnist", { dataDir: dir }));
  assert.equal(
    err.message,
    `Cannot read "${dir}/mnist/train-images-idx3-ubyte.gz": expected 47040016 bytes for 60000×28×28 uint8, got 19`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset() rejects an images file with the labels magic", async () => {
  const dir = await tempData({
    "mnist/train-images-idx3-ubyte.gz": MNIST_LABELS,
  });
  const err = await rejection(() => loadDataset("mnist", { dataDir: dir }));
  assert.equal(
    err.message,
    `Cannot read "${dir}/mnist/train-images-idx3-ubyte.gz": expected IDX magic 2051 (0x00000803), got 0x00000801`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset() rejects a well-formed IDX file of the wrong shape", async () => {
  const dir = await tempData({
    "fashion-mnist/t10k-images-idx3-ubyte.gz": gzip(
      idxBytes(2051, [2, 28, 28], new Uint8Array(2 * 784)),
    ),
  });
  const err = await rejection(() =>
    loadDataset("fashion-mnist", { dataDir: dir, split: "test" })
  );
  assert.equal(
    err.message,
    `Cannot read "${dir}/fashion-mnist/t10k-images-idx3-ubyte.gz": expected shape 10000×28×28, got 2×28×28`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset() rejects a truncated CIFAR-10 batch", async () => {
  const dir = await tempData({
    "cifar-10/test_batch.bin": new Uint8Array(3073 * 2 + 5),
  });
  const err = await rejection(() =>
    loadDataset("cifar-10", { dataDir: dir, split: "test" })
  );
  assert.equal(
    err.message,
    `Cannot read "${dir}/cifar-10/test_batch.bin": expected a positive multiple of 3073 bytes (records of 1 label + 3×32×32 pixels), got 6151`,
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("loadDataset() rejects a MedMNIST archive of the wrong shape or without a key", async () => {
  const dir = await tempData({
    "medmnist/retinamnist.npz": zipSync({
      "test_images.npy": npyBytes([2, 28, 28, 3], new Uint8Array(2 * 2352)),
      "test_labels.npy": npyBytes([2, 1], [0, 1]),
    }),
  });
  const path = `${dir}/medmnist/retinamnist.npz`;
  const shape = await rejection(() =>
    loadDataset("retinamnist", { dataDir: dir, split: "test" })
  );
  assert.equal(
    shape.message,
    `Cannot read "${path}:test_images": expected shape 400×28×28×3, got 2×28×28×3`,
  );
  const key = await rejection(() =>
    loadDataset("retinamnist", { dataDir: dir })
  );
  assert.equal(
    key.message,
    `Cannot read "${path}": expected an array "train_images", got keys test_images, test_labels`,
  );
  await Deno.remove(dir, { recursive: true });
});
