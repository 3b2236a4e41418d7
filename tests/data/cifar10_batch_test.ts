import assert from "node:assert/strict";
import { decodeCifar10Batch } from "../../lib/data/cifar10_batch.ts";
import { gzip } from "./_fixtures.ts";

/** Two records whose pixel (y, x) of channel c holds (c·7 + y + 3x + 11·record) mod 256. */
function twoRecords(): Uint8Array {
  const bytes = new Uint8Array(2 * 3073);
  for (let r = 0; r < 2; r++) {
    bytes[r * 3073] = r === 0 ? 4 : 9;
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < 32; y++) {
        for (let x = 0; x < 32; x++) {
          bytes[r * 3073 + 1 + c * 1024 + y * 32 + x] =
            (c * 7 + y + 3 * x + 11 * r) % 256;
        }
      }
    }
  }
  return bytes;
}

Deno.test("decodeCifar10Batch() interleaves R, G, B planes into NHWC", () => {
  const set = decodeCifar10Batch(twoRecords(), { file: "b.bin" });
  assert.deepEqual(set.shape, [2, 32, 32, 3]);
  assert.deepEqual([...set.labels], [4, 9]);
  for (const [r, y, x, c] of [[0, 0, 0, 0], [0, 5, 7, 2], [1, 31, 30, 1]]) {
    const got = set.images[((r * 32 + y) * 32 + x) * 3 + c];
    assert.equal(got, (c * 7 + y + 3 * x + 11 * r) % 256);
  }
});

Deno.test("decodeCifar10Batch() decodes a gzip-wrapped batch the same way", () => {
  const raw = decodeCifar10Batch(twoRecords(), { file: "b.bin" });
  const gz = decodeCifar10Batch(gzip(twoRecords()), { file: "b.bin.gz" });
  assert.deepEqual(gz.images, raw.images);
});

Deno.test("decodeCifar10Batch() rejects a truncated batch naming the record size", () => {
  assert.throws(
    () => decodeCifar10Batch(twoRecords().subarray(0, 5000), { file: "t.bin" }),
    /^DatasetError: Cannot read "t.bin": expected a positive multiple of 3073 bytes \(records of 1 label \+ 3×32×32 pixels\), got 5000$/,
  );
});

Deno.test("decodeCifar10Batch() rejects a label above 9", () => {
  const bytes = twoRecords();
  bytes[3073] = 12;
  assert.throws(
    () => decodeCifar10Batch(bytes, { file: "l.bin" }),
    /^DatasetError: Cannot read "l.bin": expected labels 0–9, got 12 in record 1$/,
  );
});
