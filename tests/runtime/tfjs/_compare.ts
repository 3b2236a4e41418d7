/**
 * Test helpers: run one tfjs computation on the wasm and cpu backends and
 * compare the outputs with a named tolerance.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import { initBackend } from "../../../lib/runtime/tfjs/mod.ts";

/** Agreement required between wasm and the cpu reference (issue 3). */
export const ATOL = 1e-4;

/**
 * Deterministic pseudo-random values in [-1, 1) (a tiny LCG; tests only).
 *
 * @param n Count.
 * @param seed Stream seed.
 * @returns The values.
 */
export function randomValues(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

/**
 * Runs `fn` on wasm and on cpu and returns both results as flat arrays.
 *
 * @param fn Builds the tensors to compare (inside `tf.tidy`).
 * @returns `{ wasm, cpu }`, one Float32Array per returned tensor.
 */
export async function onBothBackends(
  fn: () => tf.Tensor[],
): Promise<{ wasm: Float32Array[]; cpu: Float32Array[] }> {
  const run = async (name: "wasm" | "cpu") => {
    await initBackend(name);
    const outs = tf.tidy(fn);
    const data = outs.map((t) => t.dataSync() as Float32Array);
    tf.dispose(outs);
    return data;
  };
  return { wasm: await run("wasm"), cpu: await run("cpu") };
}

/**
 * Largest error of `a` against `b`, absolute below 1 and relative above it
 * (gradients summed over a batch reach magnitudes of 10–100).
 *
 * @param a Values under test.
 * @param b Reference values.
 * @returns max_i |a_i − b_i| / max(1, |b_i|).
 */
export function maxScaledError(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) {
    throw new RangeError(`Length mismatch: ${a.length} vs ${b.length}`);
  }
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    worst = Math.max(
      worst,
      Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])),
    );
  }
  return worst;
}
