/**
 * Decoder for NumPy `.npy` arrays of unsigned bytes and for `.npz` archives
 * (a zip of `.npy` files), the format of MedMNIST. NPY layout: magic
 * `\x93NUMPY`, version major/minor, a little-endian header length (2 bytes in
 * v1, 4 in v2/v3), then a Python-literal header dict
 * `{'descr': '|u1', 'fortran_order': False, 'shape': (N, 28, 28), }`, then the data.
 *
 * @module
 */

import { unzipSync } from "fflate";
import { DatasetError } from "./dataset_error.ts";

/** A decoded uint8 NumPy array, C order. */
export interface NpyArray {
  /** Size of each dimension. */
  shape: number[];
  /** The values, row-major; a view into the input. */
  data: Uint8Array;
}

/** Options of {@linkcode decodeNpy} and {@linkcode decodeNpz}. */
export interface DecodeNpyOptions {
  /** File name for error messages (for a `.npz` member: `archive.npz:member.npy`). */
  file: string;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

function fail(file: string, detail: string): never {
  throw new DatasetError(`Cannot read "${file}": ${detail}`);
}

/**
 * Decode a `.npy` array of dtype uint8 in C order.
 *
 * @param bytes The file's content.
 * @param options File name for messages.
 * @returns The shape and a view of the values.
 * @throws {DatasetError} On a wrong magic string, an unsupported dtype or
 * order, or a length that does not match the shape.
 *
 * @example A 2×3 uint8 array
 * ```ts
 * import assert from "node:assert/strict";
 * import { decodeNpy } from "./npy.ts";
 * const header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }\n";
 * const head = new Uint8Array([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0]);
 * const bytes = new Uint8Array([...head, ...new TextEncoder().encode(header), 1, 2, 3, 4, 5, 6]);
 * const arr = decodeNpy(bytes, { file: "a.npy" });
 * assert.deepEqual(arr.shape, [2, 3]);
 * assert.equal(arr.data[5], 6);
 * ```
 */
export function decodeNpy(
  bytes: Uint8Array,
  options: DecodeNpyOptions,
): NpyArray {
  const { file } = options;
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(file, "expected the NPY magic string \\x93NUMPY");
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  const headerLen = major === 1
    ? view.getUint16(8, true)
    : bytes.length >= 12
    ? view.getUint32(8, true)
    : -1;
  const start = 8 + lenBytes;
  if (headerLen < 0 || start + headerLen > bytes.length) {
    fail(
      file,
      `expected an NPY header of ${headerLen} bytes, got a truncated file`,
    );
  }
  const header = new TextDecoder().decode(
    bytes.subarray(start, start + headerLen),
  );
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== "|u1" && descr !== "<u1" && descr !== ">u1") {
    fail(file, `expected dtype uint8 ('|u1'), got '${descr}'`);
  }
  if (fortran !== "False") fail(file, "expected C order, got Fortran order");
  if (shapeText === undefined) fail(file, "expected a shape in the NPY header");
  const shape = shapeText.split(",").map((s) => s.trim()).filter((s) => s)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  if (bytes.length - dataStart !== count) {
    fail(
      file,
      `expected ${count} data bytes for shape (${shape.join(", ")}), got ${
        bytes.length - dataStart
      }`,
    );
  }
  return { shape, data: bytes.subarray(dataStart) };
}

/**
 * Decode every array of a `.npz` archive (stored or deflated zip of `.npy`).
 *
 * @param bytes The archive's content.
 * @param options Archive name for messages.
 * @returns Arrays by key (member name without `.npy`).
 * @throws {DatasetError} On a corrupt or truncated zip, or a bad member.
 *
 * @example Round trip through fflate's zipSync
 * ```ts
 * import assert from "node:assert/strict";
 * import { zipSync } from "fflate";
 * import { decodeNpz } from "./npy.ts";
 * const header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }\n";
 * const head = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length, 0];
 * const npy = new Uint8Array([...head, ...new TextEncoder().encode(header), 7, 9]);
 * const arrays = decodeNpz(zipSync({ "y.npy": npy }), { file: "a.npz" });
 * assert.deepEqual([...arrays.y.data], [7, 9]);
 * ```
 */
export function decodeNpz(
  bytes: Uint8Array,
  options: DecodeNpyOptions,
): Record<string, NpyArray> {
  const { file } = options;
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes);
  } catch (err) {
    throw new DatasetError(
      `Cannot read "${file}": expected a complete zip archive of .npy files, got ${
        (err as Error).message
      }`,
      { cause: err },
    );
  }
  const arrays: Record<string, NpyArray> = {};
  for (const [name, member] of Object.entries(members)) {
    if (!name.endsWith(".npy")) continue;
    arrays[name.slice(0, -4)] = decodeNpy(member, { file: `${file}:${name}` });
  }
  return arrays;
}
