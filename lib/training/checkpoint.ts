/**
 * Training checkpoints: model variables, optimizer slots and the loop's
 * position in one file, written atomically so a run killed at any moment
 * leaves either the previous or the new checkpoint, never half of one.
 *
 * Layout: `QRCK` magic, uint32 header length (little-endian), UTF-8 JSON
 * header, zero padding to a multiple of 4, then float32 tensor payloads in
 * header order.
 *
 * @module
 */

import type * as tf from "@tensorflow/tfjs-core";
import { writeFileAtomic } from "../runtime/mod.ts";

const MAGIC = "QRCK";
const FORMAT_VERSION = 1;

/** One tensor's entry in the header. */
interface TensorEntry {
  key: string;
  shape: number[];
}

/** Everything a checkpoint holds. */
export interface Checkpoint {
  /** Loop position and bookkeeping (plain JSON). */
  meta: Record<string, unknown>;
  /** Tensors by key (`model/<name>`, `opt/<slot>`). */
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

/**
 * Serialises tensors and metadata and writes them atomically.
 *
 * @param path Destination file.
 * @param options `meta` (plain JSON) and `tensors` by key (flat arrays are saved with shape `[length]`).
 * @returns Resolves once the file is in place.
 *
 * @example Round trip
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import { readCheckpoint, writeCheckpoint } from "./checkpoint.ts";
 * import { initBackend } from "../runtime/mod.ts";
 * await initBackend("cpu");
 * const path = await Deno.makeTempFile();
 * await writeCheckpoint(path, { meta: { step: 3 }, tensors: new Map([["w", tf.ones([2])]]) });
 * const back = await readCheckpoint(path);
 * assert.equal(back.meta.step, 3);
 * assert.deepEqual(Array.from(back.tensors.get("w")!.values), [1, 1]);
 * ```
 */
export async function writeCheckpoint(
  path: string,
  options: {
    meta: Record<string, unknown>;
    tensors: Map<string, tf.Tensor | Float32Array>;
  },
): Promise<void> {
  const entries: TensorEntry[] = [];
  const payloads: Float32Array[] = [];
  for (const [key, t] of options.tensors) {
    if (t instanceof Float32Array) {
      entries.push({ key, shape: [t.length] });
      payloads.push(t);
    } else {
      entries.push({ key, shape: t.shape });
      payloads.push((await t.data()) as Float32Array);
    }
  }
  const header = new TextEncoder().encode(
    JSON.stringify({ version: FORMAT_VERSION, meta: options.meta, entries }),
  );
  const headerEnd = 8 + header.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const nValues = payloads.reduce((n, p) => n + p.length, 0);
  const bytes = new Uint8Array(dataStart + 4 * nValues);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  const values = new Float32Array(bytes.buffer, dataStart, nValues);
  let offset = 0;
  for (const p of payloads) {
    values.set(p, offset);
    offset += p.length;
  }
  await writeFileAtomic(path, bytes);
}

/**
 * Reads a checkpoint written by {@linkcode writeCheckpoint}.
 *
 * @param path Checkpoint file.
 * @returns Metadata and tensor values.
 * @throws {SyntaxError} If the file is not a qrepro checkpoint or is truncated.
 */
export async function readCheckpoint(path: string): Promise<Checkpoint> {
  const bytes = await Deno.readFile(path);
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  if (bytes.length < 8 || magic !== MAGIC) {
    throw new SyntaxError(
      `Cannot read checkpoint "${path}": expected magic ${MAGIC}, got ${
        JSON.stringify(magic)
      }`,
    );
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(
    4,
    true,
  );
  const { version, meta, entries } = JSON.parse(
    new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)),
  ) as {
    version: number;
    meta: Record<string, unknown>;
    entries: TensorEntry[];
  };
  if (version !== FORMAT_VERSION) {
    throw new SyntaxError(
      `Cannot read checkpoint "${path}": expected format version ${FORMAT_VERSION}, got ${version}`,
    );
  }
  const dataStart = Math.ceil((8 + headerLength) / 4) * 4;
  const nValues = entries.reduce(
    (n, e) => n + e.shape.reduce((a, b) => a * b, 1),
    0,
  );
  if (bytes.length !== dataStart + 4 * nValues) {
    throw new SyntaxError(
      `Cannot read checkpoint "${path}": expected ${
        dataStart + 4 * nValues
      } bytes, got ${bytes.length}`,
    );
  }
  const all = new Float32Array(bytes.slice(dataStart).buffer);
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  let offset = 0;
  for (const { key, shape } of entries) {
    const n = shape.reduce((a, b) => a * b, 1);
    tensors.set(key, { shape, values: all.subarray(offset, offset + n) });
    offset += n;
  }
  return { meta, tensors };
}
