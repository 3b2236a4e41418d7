// Small byte-level fixtures for the data tests, built independently of the
// decoders under test (formats written out from their specifications).

import { gzipSync } from "node:zlib";

/** An IDX file of unsigned bytes with the given magic, dims and values. */
export function idxBytes(
  magic: number,
  dims: number[],
  values: ArrayLike<number>,
): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, magic);
  dims.forEach((d, i) => header.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.byteLength + values.length);
  out.set(new Uint8Array(header.buffer));
  out.set(Uint8Array.from(values), header.byteLength);
  return out;
}

/** A version-1 `.npy` file of uint8 values. */
export function npyBytes(
  shape: number[],
  values: ArrayLike<number>,
  descr = "|u1",
): Uint8Array {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${
    shape.join(", ")
  }${shape.length === 1 ? "," : ""}), }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  const header = dict + " ".repeat(pad % 64) + "\n";
  const out = new Uint8Array(10 + header.length + values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  out.set(Uint8Array.from(values), 10 + header.length);
  return out;
}

/** Gzip bytes (Node's zlib, independent of the loaders' gunzip path). */
export function gzip(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(gzipSync(bytes));
}

/** Message of the error `fn` rejects with (fails the test if it resolves). */
export async function rejection(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("Expected a rejection, got a result");
}

/** The repository's dataset folder, where the real-file tests read. */
export const DATA_DIR = "data";

/** An ImageSet of the given pixel array, shape and labels (label 0 when absent). */
export function imageSet<T extends Uint8Array | Float32Array>(
  images: T,
  shape: [number, number, number, number],
  labels?: ArrayLike<number>,
): { images: T; shape: [number, number, number, number]; labels: Uint8Array } {
  return {
    images,
    shape,
    labels: labels ? Uint8Array.from(labels) : new Uint8Array(shape[0]),
  };
}
