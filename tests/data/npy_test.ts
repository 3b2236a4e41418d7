import assert from "node:assert/strict";
import { zipSync } from "fflate";
import { decodeNpy, decodeNpz } from "../../lib/data/npy.ts";
import { npyBytes } from "./_fixtures.ts";

Deno.test("decodeNpy() reads shape and values of a padded v1 header", () => {
  const arr = decodeNpy(
    npyBytes([2, 2, 3], Array.from({ length: 12 }, (_, i) => i)),
    {
      file: "a.npy",
    },
  );
  assert.deepEqual(arr.shape, [2, 2, 3]);
  assert.deepEqual([...arr.data], Array.from({ length: 12 }, (_, i) => i));
});

Deno.test("decodeNpy() reads a v2 header with a 4-byte length", () => {
  const v1 = npyBytes([3], [5, 6, 7]);
  const headerLen = new DataView(v1.buffer).getUint16(8, true);
  const v2 = new Uint8Array(v1.length + 2);
  v2.set(v1.subarray(0, 8));
  v2[6] = 2;
  new DataView(v2.buffer).setUint32(8, headerLen, true);
  v2.set(v1.subarray(10), 12);
  assert.deepEqual([...decodeNpy(v2, { file: "v2.npy" }).data], [5, 6, 7]);
});

Deno.test("decodeNpy() rejects a dtype other than uint8", () => {
  assert.throws(
    () => decodeNpy(npyBytes([1], [0, 0, 0, 0], "<f4"), { file: "f.npy" }),
    /^DatasetError: Cannot read "f.npy": expected dtype uint8 \('\|u1'\), got '<f4'$/,
  );
});

Deno.test("decodeNpy() rejects data shorter than the shape", () => {
  const bytes = npyBytes([2, 3], [1, 2, 3, 4, 5, 6]);
  assert.throws(
    () => decodeNpy(bytes.subarray(0, bytes.length - 2), { file: "s.npy" }),
    /^DatasetError: Cannot read "s.npy": expected 6 data bytes for shape \(2, 3\), got 4$/,
  );
});

Deno.test("decodeNpy() rejects a file without the NPY magic", () => {
  assert.throws(
    () => decodeNpy(new Uint8Array(20), { file: "m.npy" }),
    /^DatasetError: Cannot read "m.npy": expected the NPY magic string \\x93NUMPY$/,
  );
});

Deno.test("decodeNpz() reads every member of a deflated archive by key", () => {
  const zip = zipSync({
    "train_images.npy": npyBytes([1, 2, 2], [1, 2, 3, 4]),
    "train_labels.npy": npyBytes([1, 1], [3]),
  }, { level: 6 });
  const arrays = decodeNpz(zip, { file: "x.npz" });
  assert.deepEqual(Object.keys(arrays).sort(), [
    "train_images",
    "train_labels",
  ]);
  assert.deepEqual(arrays.train_labels.shape, [1, 1]);
  assert.deepEqual([...arrays.train_images.data], [1, 2, 3, 4]);
});

Deno.test("decodeNpz() names the archive when it is truncated", () => {
  const zip = zipSync({ "a.npy": npyBytes([4], [1, 2, 3, 4]) });
  assert.throws(
    () => decodeNpz(zip.subarray(0, zip.length - 30), { file: "t.npz" }),
    /^DatasetError: Cannot read "t.npz": expected a complete zip archive of \.npy files, got /,
  );
});
