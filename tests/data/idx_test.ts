import assert from "node:assert/strict";
import { decodeIdx } from "../../lib/data/idx.ts";
import { DatasetError } from "../../lib/data/dataset_error.ts";
import { gzip, idxBytes } from "./_fixtures.ts";

const VALUES = Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 10);

Deno.test("decodeIdx() reads dims and values of a raw images file", () => {
  const idx = decodeIdx(idxBytes(2051, [2, 3, 2], VALUES), {
    file: "a",
    magic: 2051,
  });
  assert.equal(idx.magic, 2051);
  assert.deepEqual(idx.dims, [2, 3, 2]);
  assert.deepEqual([...idx.data], VALUES);
});

Deno.test("decodeIdx() reads the same values when the file is gzip-wrapped", () => {
  const raw = idxBytes(2049, [4], [9, 8, 7, 6]);
  const idx = decodeIdx(gzip(raw), { file: "b.gz", magic: 2049 });
  assert.deepEqual(idx.dims, [4]);
  assert.deepEqual([...idx.data], [9, 8, 7, 6]);
});

Deno.test("decodeIdx() names the file and both magics when the magic is wrong", () => {
  const bytes = idxBytes(2049, [4], [1, 2, 3, 4]);
  assert.throws(
    () => decodeIdx(bytes, { file: "data/x-idx3-ubyte", magic: 2051 }),
    (err: Error) =>
      err instanceof DatasetError &&
      err.message ===
        'Cannot read "data/x-idx3-ubyte": expected IDX magic 2051 (0x00000803), got 0x00000801',
  );
});

Deno.test("decodeIdx() rejects a non-uint8 type code", () => {
  const bytes = idxBytes(0x00000d01, [1], [0, 0, 0, 0]);
  assert.throws(
    () => decodeIdx(bytes, { file: "f" }),
    /Cannot read "f": expected an unsigned-byte IDX magic 0x000008DD, got 0x00000d01/,
  );
});

Deno.test("decodeIdx() reports expected and actual length when truncated", () => {
  const bytes = idxBytes(2051, [2, 3, 2], VALUES).subarray(0, 20);
  assert.throws(
    () => decodeIdx(bytes, { file: "t", magic: 2051 }),
    /^DatasetError: Cannot read "t": expected 28 bytes for 2×3×2 uint8, got 20$/,
  );
});

Deno.test("decodeIdx() names the file when its gzip stream is truncated", () => {
  const gz = gzip(idxBytes(2051, [2, 3, 2], VALUES));
  assert.throws(
    () => decodeIdx(gz.subarray(0, gz.length - 12), { file: "t.gz" }),
    /^DatasetError: Cannot decompress "t.gz": expected a complete gzip stream, got unexpected end of file$/,
  );
});
