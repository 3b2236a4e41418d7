/**
 * Scheduled (statistical) gradient pruning of Q-Drop (Nguyen et al., ICC 2025;
 * research notes `qdrop.md` §2). A phase machine alternates an accumulate
 * window, in which the quantum gradients are summed, with a prune window, in
 * which one masked update uses the accumulated sum on a sampled subset of the
 * quantum parameters. The switches of notes §7.2 select the published variants.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";

/** Options of {@linkcode createGradientPruning}; defaults are `src/utils/pruning.py` (notes §2.1). */
export interface GradientPruningOptions {
  /** Number of quantum parameters (15 for the 6-qubit pyramid). */
  nParams: number;
  /** Accumulate window A. @default {10} */
  accumulateWindow?: number;
  /** Prune window P. @default {8} */
  pruneWindow?: number;
  /** Initial kept ratio r (notebooks MNIST/Fashion: 0). @default {0.8} */
  ratio?: number;
  /** Initial accumulate counter (notebooks: 6, `tmp` figures: 7). @default {accumulateWindow} */
  initialAccumulate?: number;
  /** Initial prune counter (notebooks: 6). @default {pruneWindow} */
  initialPrune?: number;
  /** Raise r by e^0.1 every 5th prune step, capped at 1. @default {true} */
  schedule?: boolean;
  /** Notebook bug (§2.2): broadcast the scalar G[0] to every selected index. @default {false} */
  scalarBroadcastBug?: boolean;
  /** `tmp` figure arms (§2.3): no quantum update during accumulation. @default {false} */
  freezeQuantumInAccumulate?: boolean;
  /** Reference (§2.1 step 4.5–4.6): quantum and classical updates are two optimizer steps. @default {true} */
  doubleOptimizerStep?: boolean;
  /** Source of the categorical draws. */
  rng: Pick<Rng, "next">;
}

/** What the optimizer must do with the quantum parameters at one training step. */
export interface PruningStep {
  /** Phase of this step. */
  phase: "accumulate" | "prune";
  /**
   * Quantum gradient to apply, `[nParams]`, or `null` when the quantum
   * parameters are left out of this step's update. Overwritten by the next call.
   */
  gradTheta: Float32Array | null;
  /** Apply the quantum gradient as its own optimizer step before the classical one. */
  separateQuantumStep: boolean;
  /** Indices drawn (with replacement) in a prune step; empty in accumulate steps. */
  drawn: Uint32Array;
}

/** The pruning phase machine; one {@linkcode GradientPruning.step} per batch. */
export interface GradientPruning {
  /**
   * Advance one training step with this batch's quantum gradient.
   *
   * @param gradTheta ∂L/∂θ of the batch, `[nParams]`; read, never modified.
   * @returns The quantum update to apply.
   */
  step(gradTheta: Float32Array): PruningStep;
  /** Current kept ratio r. */
  readonly ratio: number;
  /** Accumulated quantum gradient G, `[nParams]` (a live view). */
  readonly accumulated: Float64Array;
}

const EPS = 1e-8; // pruning.py: min-max denominator and categorical floor

/**
 * Min-max normalize the signed accumulator (notes §2.1 step 4.2):
 * u_i = (G_i − min G)/(max G − min G + 1e-8).
 *
 * @param g Accumulated gradient G, `[P]`.
 * @param out Receives u, `[P]`.
 * @returns `out`.
 * @throws {RangeError} If the lengths differ.
 *
 * @example Hand-computed
 * ```ts
 * import assert from "node:assert/strict";
 * import { minMaxNormalize } from "./gradient_pruning.ts";
 * const u = minMaxNormalize(new Float64Array([1, -2, 3]), new Float64Array(3));
 * assert.ok(Math.abs(u[0] - 0.6) < 1e-8 && u[1] === 0 && Math.abs(u[2] - 1) < 1e-8);
 * ```
 */
export function minMaxNormalize(
  g: Float64Array,
  out: Float64Array,
): Float64Array {
  if (g.length !== out.length) {
    throw new RangeError(
      `Cannot normalize: expected out of length ${g.length}, got ${out.length}`,
    );
  }
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < g.length; i++) {
    if (g[i] < lo) lo = g[i];
    if (g[i] > hi) hi = g[i];
  }
  for (let i = 0; i < g.length; i++) out[i] = (g[i] - lo) / (hi - lo + EPS);
  return out;
}

/**
 * Draw `k` indices with replacement from Categorical(π), π_i ∝ u_i + 1e-8
 * (notes §2.1 steps 4.3–4.4; tf.random.categorical on log(u + 1e-8)).
 *
 * @param u Normalized statistic, `[P]`.
 * @param k Number of draws.
 * @param options `rng` for the uniforms and `out` (`[k]`) to fill.
 * @returns The drawn indices, `[k]`.
 *
 * @example The largest statistic wins a high uniform
 * ```ts
 * import assert from "node:assert/strict";
 * import { drawCategorical } from "./gradient_pruning.ts";
 * const idx = drawCategorical(new Float64Array([0, 0, 1]), 1, { rng: { next: () => 0.9 } });
 * assert.deepEqual([...idx], [2]);
 * ```
 */
export function drawCategorical(
  u: Float64Array,
  k: number,
  { rng, out = new Uint32Array(k) }: {
    rng: Pick<Rng, "next">;
    out?: Uint32Array;
  },
): Uint32Array {
  let total = 0;
  for (let i = 0; i < u.length; i++) total += u[i] + EPS;
  for (let d = 0; d < k; d++) {
    const t = rng.next() * total;
    let acc = 0, i = 0;
    for (; i < u.length - 1; i++) {
      acc += u[i] + EPS;
      if (t < acc) break;
    }
    out[d] = i;
  }
  return out;
}

/**
 * Create the scheduled gradient-pruning phase machine (notes §2.5).
 *
 * @param options Windows, ratio, schedule and the §7.2 switches.
 * @returns The phase machine.
 * @throws {RangeError} If a window, counter or the ratio is out of range.
 *
 * @example One accumulate step, then one prune step with the index-0 bug
 * ```ts
 * import assert from "node:assert/strict";
 * import { createGradientPruning } from "./gradient_pruning.ts";
 * const pruning = createGradientPruning({
 *   nParams: 3, accumulateWindow: 1, pruneWindow: 1, ratio: 0,
 *   scalarBroadcastBug: true, rng: { next: () => 0.99 },
 * });
 * assert.equal(pruning.step(new Float32Array([2, -1, 5])).phase, "accumulate");
 * const prune = pruning.step(new Float32Array([9, 9, 9])); // current gradient is discarded
 * assert.deepEqual([...prune.gradTheta!], [0, 0, 2]); // G[0] broadcast to the drawn index 2
 * ```
 */
export function createGradientPruning(
  {
    nParams,
    accumulateWindow = 10,
    pruneWindow = 8,
    ratio = 0.8,
    initialAccumulate = accumulateWindow,
    initialPrune = pruneWindow,
    schedule = true,
    scalarBroadcastBug = false,
    freezeQuantumInAccumulate = false,
    doubleOptimizerStep = true,
    rng,
  }: GradientPruningOptions,
): GradientPruning {
  for (
    const [name, value] of [
      ["nParams", nParams],
      ["accumulateWindow", accumulateWindow],
      ["pruneWindow", pruneWindow],
      ["initialAccumulate", initialAccumulate],
      ["initialPrune", initialPrune],
    ] as const
  ) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot create gradient pruning: expected ${name} ≥ 1, got ${value}`,
      );
    }
  }
  if (!(ratio >= 0 && ratio <= 1)) {
    throw new RangeError(
      `Cannot create gradient pruning: expected 0 ≤ ratio ≤ 1, got ${ratio}`,
    );
  }
  const G = new Float64Array(nParams); // accumulator [P]
  const u = new Float64Array(nParams); // [P]
  const gradOut = new Float32Array(nParams); // [P]
  const drawBuffer = new Uint32Array(nParams);
  const none = new Uint32Array(0);
  let phase: "accumulate" | "prune" = "accumulate";
  let a = initialAccumulate, p = initialPrune, r = ratio, s = 0;

  function accumulate(g: Float32Array): PruningStep {
    // §2.1 step 3: a ← a − 1; G ← G + g_q; apply all gradients (or classical only, §2.3)
    a -= 1;
    for (let i = 0; i < nParams; i++) G[i] += g[i];
    return {
      phase,
      gradTheta: freezeQuantumInAccumulate ? null : g,
      separateQuantumStep: false,
      drawn: none,
    };
  }

  function prune(): PruningStep {
    p -= 1;
    minMaxNormalize(G, u);
    // §2.1 step 4.4: k = max(1, ⌊r·P⌋) draws with replacement
    const k = Math.max(1, Math.floor(r * nParams));
    const drawn = drawCategorical(u, k, {
      rng,
      out: drawBuffer.subarray(0, k),
    });
    // §2.1 step 4.5: gθ = M ⊙ G; notebooks (§2.2) broadcast the scalar G[0] instead
    gradOut.fill(0);
    for (let d = 0; d < k; d++) {
      gradOut[drawn[d]] = scalarBroadcastBug ? G[0] : G[drawn[d]];
    }
    G.fill(0); // §2.1 step 4.7; the current batch gradient is discarded (step 4.6)
    if (schedule) {
      s += 1;
      if (s % 5 === 0) r = Math.min(1, r * Math.exp(0.1)); // §2.1 step 4.8
    }
    return {
      phase,
      gradTheta: gradOut,
      separateQuantumStep: doubleOptimizerStep,
      drawn,
    };
  }

  return {
    step(gradTheta: Float32Array): PruningStep {
      // §2.1 step 2: phase update
      if (a === 0) {
        a = accumulateWindow;
        phase = "prune";
      } else if (p === 0) {
        p = pruneWindow;
        phase = "accumulate";
      }
      return phase === "accumulate" ? accumulate(gradTheta) : prune();
    },
    get ratio() {
      return r;
    },
    get accumulated() {
      return G;
    },
  };
}
