// Benchmark: the QIANets compression steps on one ResNet-18 layer4 kernel
// (3×3, 512 → 512: 2,359,296 weights, W_f of 512 × 4608), in plain TypeScript.

import {
  annealingFactorize,
  qaoaPrune,
  toTorchLayout,
  truncatedSvd,
} from "../../../lib/compression/mod.ts";
import { createRng } from "../../../lib/runtime/mod.ts";

const SHAPE: [number, number, number, number] = [3, 3, 512, 512];

function medianMs(f: () => void, nRepeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < nRepeats; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/**
 * Times pruning (both readings, 5 sweeps), the rank-50 truncated SVD, and the
 * 20-iteration L-BFGS factorization at rank 20, each the median of 3 runs.
 *
 * @returns One JSON-line object per step: `{ bench, step, nWeights, medianMs }`.
 */
export function benchCompression(): Promise<Record<string, unknown>[]> {
  const rng = createRng(0);
  const kernel = Float32Array.from(
    { length: 3 * 3 * 512 * 512 },
    () => 0.02 * rng.normal(),
  );
  const wf = toTorchLayout(kernel, SHAPE);
  const n = kernel.length;
  const rows = [
    [
      "prune-code",
      () =>
        qaoaPrune(kernel, SHAPE, {
          impl: "code",
          sparsity: 0.1417,
          rng: createRng(1),
        }),
    ],
    [
      "prune-paper",
      () =>
        qaoaPrune(kernel, SHAPE, {
          impl: "paper",
          sparsity: 0.1417,
          rng: createRng(1),
        }),
    ],
    ["svd-rank50", () => truncatedSvd(wf, [512, 4608], { rank: 50 })],
    [
      "anneal-rank20",
      () =>
        annealingFactorize(wf, [512, 4608], { rank: 20, rng: createRng(2) }),
    ],
  ] as const;
  return Promise.resolve(rows.map(([step, f]) => ({
    bench: "compression",
    step,
    nWeights: n,
    medianMs: medianMs(f, 3),
  })));
}
