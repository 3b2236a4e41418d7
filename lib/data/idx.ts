/**
 * Decoder for the IDX format of MNIST and Fashion-MNIST (LeCun et al.): a
 * big-endian header, magic `0x0000 TT DD` (TT = type code, 0x08 = uint8;
 * DD = number of dimensions), DD uint32 sizes, then the values row-major.
 * Images files have magic 2051 (0x00000803), label files 2049 (0x00000801).
 *
 * @module
 */

import { payloadOf, readUint32BE } from "./_bytes.ts";
import { DatasetError } from "./dataset_error.ts";

/** A decoded IDX array of unsigned bytes. */
export interface IdxArray {
  /** The magic number, e.g. 2051. */
  magic: number;
  /** Size of each dimension, e.g. `[60000, 28, 28]`. */
  dims: number[];
  /** The values, row-major; a view into the (decompressed) input. */
  data: Uint8Array;
}

/** Options of {@linkcode decodeIdx}. */
export interface DecodeIdxOptions {
  /** File name for error messages. */
  file: string;
  /** Required magic number (2051 images, 2049 labels); any uint8 IDX when absent. */
  magic?: number;
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, "0")}`;
}

/**
 * Decode an IDX file of unsigned bytes, gzip-wrapped or raw.
 *
 * @param bytes The file's content.
 * @param options File name for messages and the expected magic number.
 * @returns The magic number, dimensions and values (no copy of the values).
 * @throws {DatasetError} On a corrupt gzip stream, a wrong magic number, or a
 * length that does not match the header.
 *
 * @example Two 2×2 images
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeIdx } from "./idx.ts";
 * const bytes = new Uint8Array([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8]);
 * const idx = decodeIdx(bytes, { file: "x-idx3-ubyte", magic: 2051 });
 * assert.deepEqual(idx.dims, [2, 2, 2]);
 * assert.equal(idx.data[7], 8);
 * assert.throws(() => decodeIdx(bytes, { file: "y", magic: 2049 }), /expected IDX magic 2049/);
 * ```
 */
export function decodeIdx(
  bytes: Uint8Array,
  options: DecodeIdxOptions,
): IdxArray {
  const { file, magic: wanted } = options;
  const payload = payloadOf(bytes, file);
  if (payload.length < 4) {
    throw new DatasetError(
      `Cannot read "${file}": expected an IDX header of at least 4 bytes, got ${payload.length}`,
    );
  }
  const magic = readUint32BE(payload, 0);
  const nDims = magic & 0xff;
  const typeOk = (magic >>> 8) === 0x08;
  if ((wanted !== undefined && magic !== wanted) || !typeOk || nDims === 0) {
    const expected = wanted === undefined
      ? "an unsigned-byte IDX magic 0x000008DD"
      : `IDX magic ${wanted} (${hex32(wanted)})`;
    throw new DatasetError(
      `Cannot read "${file}": expected ${expected}, got ${hex32(magic)}`,
    );
  }
  const headerBytes = 4 + 4 * nDims;
  if (payload.length < headerBytes) {
    throw new DatasetError(
      `Cannot read "${file}": expected an IDX header of ${headerBytes} bytes, got ${payload.length}`,
    );
  }
  const dims = Array.from(
    { length: nDims },
    (_, i) => readUint32BE(payload, 4 + 4 * i),
  );
  const count = dims.reduce((a, b) => a * b, 1);
  if (payload.length !== headerBytes + count) {
    throw new DatasetError(
      `Cannot read "${file}": expected ${headerBytes + count} bytes for ${
        dims.join("×")
      } uint8, got ${payload.length}`,
    );
  }
  return { magic, dims, data: payload.subarray(headerBytes) };
}
