/**
 * Inference latency per image, measured honestly and the paper's way (notes
 * §4, §8 "Latency"; issue 8):
 *
 * - synchronised: after warm-up, each repeat times `apply` plus `await
 *   y.data()`, so the backend has finished the work inside the timed region;
 *   median and spread over repeats, divided by the true batch size;
 * - paper-style, labelled as such, read in the same pass: the time at which
 *   `apply` returns, without waiting for the backend (the published scripts call no
 *   `torch.cuda.synchronize()`). On the synchronous cpu and wasm backends
 *   the two agree; on WebGPU the paper-style number is mostly dispatch time.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "../models/mod.ts";

/** Options of {@linkcode measureLatency}. */
export interface LatencyOptions {
  /** Images per forward pass. */
  batchSize: number;
  /** `[H, W, C]` of one image. */
  inputShape: [h: number, w: number, c: number];
  /** Untimed passes first (compiles shaders, warms caches). @default {2} */
  nWarmup?: number;
  /** Timed passes. @default {5} */
  nRepeats?: number;
}

/** Latency in milliseconds per image. */
export interface Latency {
  /** Images per pass. */
  batchSize: number;
  /** Median over repeats, synchronised. */
  medianMsPerImage: number;
  /** Fastest repeat, synchronised. */
  minMsPerImage: number;
  /** Slowest repeat, synchronised. */
  maxMsPerImage: number;
  /** Median over repeats, paper-style: no wait for the backend (labelled, not a real latency). */
  unsyncedMedianMsPerImage: number;
  /** Timed passes. */
  nRepeats: number;
}

/**
 * Times inference passes on zero images.
 *
 * @param model The model (inference mode).
 * @param options Batch size, image shape, warm-up and repeats.
 * @returns Synchronised median/min/max and the paper-style median, ms per image.
 * @throws {RangeError} If `batchSize` or `nRepeats` is not a positive integer.
 *
 * @example Latencies are positive and ordered
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { measureLatency } from "./measure_latency.ts";
 * const model = { name: "m", variables: [], apply: (x: tf.Tensor4D) => tf.reshape(tf.relu(x), [x.shape[0], -1]) as tf.Tensor2D };
 * const t = await measureLatency(model, { batchSize: 2, inputShape: [4, 4, 1], nRepeats: 3 });
 * assert.ok(t.minMsPerImage <= t.medianMsPerImage && t.medianMsPerImage <= t.maxMsPerImage);
 * ```
 */
export async function measureLatency(
  model: Model,
  options: LatencyOptions,
): Promise<Latency> {
  return (await compareLatency([model], options))[0];
}

/**
 * Times several models round-robin, so each sees the same machine load: after
 * one warm-up round, repeat r times each model once, rotating the order every
 * round. Use it to compare variants on a shared machine.
 *
 * @param models The models (inference mode).
 * @param options Batch size, image shape, warm-up and repeats.
 * @returns One {@linkcode Latency} per model, in input order.
 * @throws {RangeError} If `batchSize` or `nRepeats` is not a positive integer.
 *
 * @example Two models, one result each
 * ```ts
 * import assert from "node:assert/strict";
 * import * as tf from "@tensorflow/tfjs-core";
 * import "@tensorflow/tfjs-backend-cpu";
 * import { compareLatency } from "./measure_latency.ts";
 * const flat = { name: "a", variables: [], apply: (x: tf.Tensor4D) => tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D };
 * const t = await compareLatency([flat, { ...flat, name: "b" }], { batchSize: 1, inputShape: [2, 2, 1], nRepeats: 2 });
 * assert.equal(t.length, 2);
 * ```
 */
export async function compareLatency(
  models: Model[],
  options: LatencyOptions,
): Promise<Latency[]> {
  const { batchSize, inputShape, nWarmup = 2, nRepeats = 5 } = options;
  for (
    const [name, value] of [["batchSize", batchSize], [
      "nRepeats",
      nRepeats,
    ]] as const
  ) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot measure latency: expected a positive integer ${name}, got ${value}`,
      );
    }
  }
  const x = tf.zeros([batchSize, ...inputShape]) as tf.Tensor4D;
  const synced: number[][] = models.map(() => []);
  const unsynced: number[][] = models.map(() => []);
  for (let round = 0; round < nWarmup + nRepeats; round++) {
    for (let j = 0; j < models.length; j++) {
      const k = (j + round) % models.length; // rotate the order every round
      const start = performance.now();
      const y = models[k].apply(x, { training: false });
      const launchMs = performance.now() - start; // paper-style: the clock stops when apply returns
      await y.data(); // honest: the output's data is awaited inside the timed region
      const ms = performance.now() - start;
      y.dispose();
      if (round >= nWarmup) {
        synced[k].push(ms / batchSize);
        unsynced[k].push(launchMs / batchSize);
      }
    }
  }
  x.dispose();
  return models.map((_, k) => {
    const s = [...synced[k]].sort((a, b) => a - b);
    return {
      batchSize,
      medianMsPerImage: median(s),
      minMsPerImage: s[0],
      maxMsPerImage: s[s.length - 1],
      unsyncedMedianMsPerImage: median(unsynced[k]),
      nRepeats,
    };
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h] : (s[h - 1] + s[h]) / 2;
}
