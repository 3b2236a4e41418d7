// Byte-level helpers shared by the loaders and the fetcher (not exported by mod.ts).

import { gunzipSync } from "node:zlib";
import { DatasetError } from "./dataset_error.ts";

/** True when `bytes` starts with the gzip magic 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Gunzip `bytes`, naming `file` in the error when the stream is corrupt or truncated. */
export function gunzip(bytes: Uint8Array, file: string): Uint8Array {
  try {
    const out = gunzipSync(bytes);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (err) {
    throw new DatasetError(
      `Cannot decompress "${file}": expected a complete gzip stream, got ${
        (err as Error).message
      }`,
      { cause: err },
    );
  }
}

/** The payload of a stored file: gunzipped when it is gzip-wrapped, else itself. */
export function payloadOf(bytes: Uint8Array, file: string): Uint8Array {
  return isGzip(bytes) ? gunzip(bytes, file) : bytes;
}

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Read a file, or return `undefined` when it does not exist. */
export async function readIfExists(
  path: string,
): Promise<Uint8Array | undefined> {
  try {
    return await Deno.readFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

/** Big-endian unsigned 32-bit integer at `offset`. */
export function readUint32BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) |
    (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}
