/**
 * Dynamic quantum dropout of Q-Drop (Nguyen et al., ICC 2025; research notes
 * `qdrop.md` §3). Once per epoch a coin decides whether a wire is dropped; a
 * dropped wire's ⟨Z⟩ output is zeroed before the classical head and the
 * gradients of the pyramid gates on that wire's pair are zeroed, so those gates
 * are frozen, not removed. The switches of notes §7.3 select the published
 * variants.
 *
 * @module
 */

import type { Rng } from "../runtime/mod.ts";

/** Options of {@linkcode createQuantumDropout}; defaults are the experiment notebooks (§3.1). */
export interface QuantumDropoutOptions {
  /** Number of wires n. */
  nQubits: number;
  /** The pyramid gates in parameter order; gate k carries θ_k and acts on `wires`. */
  gates: readonly { readonly wires: readonly number[] }[];
  /** Probability p_drop that an epoch (after the first) drops wires. @default {0.5} */
  pDrop?: number;
  /** Number of wires dropped in a dropout epoch (the code never uses 2). @default {1} */
  nDropWires?: number;
  /** `"first"`: always wires 0, 1, … (notebooks); `"random"`: uniform distinct wires (refactor §3.4). @default {"first"} */
  wireChoice?: "first" | "random";
  /**
   * Gates frozen for a dropped wire w: `"pair"`, every gate on (w, w+1), i.e.
   * M0 = {0, 2, 6, 11, 14} for wire 0 (§3.1); `"pairInner"`, the same without
   * its first and last gate, i.e. {2, 6, 11} (`tmp` figure notebooks, §3.2).
   * @default {"pair"}
   */
  gateSet?: "pair" | "pairInner";
  /** Reference quirk (§3.1 item 1): the wire mask also applies at evaluation. @default {true} */
  maskAtEval?: boolean;
  /** Reference quirk (§3.1): a fresh model and Adam every epoch; read by the training loop. @default {true} */
  freshModelEachEpoch?: boolean;
  /** Source of the per-epoch coin and the random wire choice. */
  rng: Pick<Rng, "next" | "int">;
}

/** The dropout decision of one epoch. */
export interface DropoutEpoch {
  /** 1-based epoch number. */
  epoch: number;
  /** Whether this epoch drops wires. */
  drop: boolean;
  /** Dropped wires (empty when `drop` is false). */
  droppedWires: number[];
  /** Multiplier of the ⟨Z_w⟩ outputs in training, `[n]`: 0 on dropped wires, else 1. */
  trainWireMask: Float32Array;
  /** Multiplier of the ⟨Z_w⟩ outputs at evaluation, `[n]`. */
  evalWireMask: Float32Array;
  /** Gradient multiplier of θ, `[P]`: 0 for frozen gates, else 1. */
  gradMask: Uint8Array;
}

/** The per-epoch dropout scheduler. */
export interface QuantumDropout {
  /**
   * Decide the dropout of epoch `epoch` (call once per epoch, in order).
   *
   * @param epoch 1-based epoch number.
   * @returns The epoch's masks.
   */
  startEpoch(epoch: number): DropoutEpoch;
  /** Whether the training loop re-initializes the model and optimizer every epoch. */
  readonly freshModelEachEpoch: boolean;
}

/**
 * Parameter indices of the gates frozen when `wire` is dropped: the gates on
 * the pair (w, w+1), or (n−2, n−1) for the last wire (notes §3.1 item 2).
 *
 * @param wire The dropped wire.
 * @param options The pyramid `gates`, `nQubits` and the `gateSet` variant.
 * @returns Sorted parameter indices.
 * @throws {RangeError} If `wire` is not in 0 … n−1.
 *
 * @example M0 of the 6-qubit pyramid (notes §1.4)
 * ```ts
 * import assert from "node:assert/strict";
 * import { gatesOfDroppedWire } from "./quantum_dropout.ts";
 * const pairs = [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0]; // lower wire of θ0 … θ14
 * const gates = pairs.map((w) => ({ wires: [w, w + 1] }));
 * assert.deepEqual(gatesOfDroppedWire(0, { gates, nQubits: 6 }), [0, 2, 6, 11, 14]);
 * assert.deepEqual(gatesOfDroppedWire(0, { gates, nQubits: 6, gateSet: "pairInner" }), [2, 6, 11]);
 * ```
 */
export function gatesOfDroppedWire(
  wire: number,
  { gates, nQubits, gateSet = "pair" }: {
    gates: readonly { readonly wires: readonly number[] }[];
    nQubits: number;
    gateSet?: "pair" | "pairInner";
  },
): number[] {
  if (!Number.isInteger(wire) || wire < 0 || wire >= nQubits) {
    throw new RangeError(
      `Cannot drop wire ${wire}: expected a wire in 0…${nQubits - 1}`,
    );
  }
  const lo = Math.min(wire, nQubits - 2);
  const found: number[] = [];
  gates.forEach((g, k) => {
    const a = Math.min(g.wires[0], g.wires[1]),
      b = Math.max(g.wires[0], g.wires[1]);
    if (a === lo && b === lo + 1) found.push(k);
  });
  return gateSet === "pairInner" ? found.slice(1, -1) : found;
}

/**
 * Zero the gradients of frozen gates in place (notes §3.5: grads.θ[i] = 0 for
 * i in gatesTouching(dropped)).
 *
 * @param gradTheta ∂L/∂θ, `[P]`, modified in place.
 * @param gradMask 0 for frozen gates, `[P]`.
 * @returns `gradTheta`.
 * @throws {RangeError} If the lengths differ.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { maskGradient } from "./quantum_dropout.ts";
 * const g = maskGradient(new Float32Array([1, 2, 3]), new Uint8Array([0, 1, 0]));
 * assert.deepEqual([...g], [0, 2, 0]);
 * ```
 */
export function maskGradient(
  gradTheta: Float32Array,
  gradMask: Uint8Array,
): Float32Array {
  if (gradTheta.length !== gradMask.length) {
    throw new RangeError(
      `Cannot mask gradient: expected a mask of length ${gradTheta.length}, got ${gradMask.length}`,
    );
  }
  for (let i = 0; i < gradTheta.length; i++) {
    if (gradMask[i] === 0) gradTheta[i] = 0;
  }
  return gradTheta;
}

/**
 * Create the per-epoch dropout scheduler (notes §3.5). Every epoch draws
 * u ~ U(0, 1), the first one included; dropout is on iff u ≤ p_drop and the
 * epoch is not the first (§3.1).
 *
 * @param options Wires, gates and the §7.3 switches.
 * @returns The scheduler.
 * @throws {RangeError} If `pDrop` is outside [0, 1] or `nDropWires` outside 1 … n−1.
 *
 * @example Epoch 1 never drops; a low coin drops wire 0 in epoch 2
 * ```ts
 * import assert from "node:assert/strict";
 * import { createQuantumDropout } from "./quantum_dropout.ts";
 * const pairs = [0, 1, 0, 2, 1, 3, 0, 2, 4, 1, 3, 0, 2, 1, 0];
 * const gates = pairs.map((w) => ({ wires: [w, w + 1] }));
 * const dropout = createQuantumDropout({ nQubits: 6, gates, rng: { next: () => 0.1, int: () => 0 } });
 * assert.equal(dropout.startEpoch(1).drop, false);
 * const e2 = dropout.startEpoch(2);
 * assert.deepEqual([...e2.trainWireMask], [0, 1, 1, 1, 1, 1]);
 * assert.deepEqual([...e2.gradMask].flatMap((m, k) => m ? [] : [k]), [0, 2, 6, 11, 14]);
 * ```
 */
export function createQuantumDropout(
  {
    nQubits,
    gates,
    pDrop = 0.5,
    nDropWires = 1,
    wireChoice = "first",
    gateSet = "pair",
    maskAtEval = true,
    freshModelEachEpoch = true,
    rng,
  }: QuantumDropoutOptions,
): QuantumDropout {
  if (!(pDrop >= 0 && pDrop <= 1)) {
    throw new RangeError(
      `Cannot create quantum dropout: expected 0 ≤ pDrop ≤ 1, got ${pDrop}`,
    );
  }
  if (
    !Number.isInteger(nDropWires) || nDropWires < 1 || nDropWires >= nQubits
  ) {
    throw new RangeError(
      `Cannot create quantum dropout: expected 1 ≤ nDropWires ≤ ${
        nQubits - 1
      }, got ${nDropWires}`,
    );
  }

  function chooseWires(): number[] {
    if (wireChoice === "first") {
      return Array.from({ length: nDropWires }, (_, i) => i);
    }
    const wires = Array.from({ length: nQubits }, (_, i) => i);
    for (let i = 0; i < nDropWires; i++) { // partial Fisher–Yates: distinct wires
      const j = i + rng.int(nQubits - i);
      [wires[i], wires[j]] = [wires[j], wires[i]];
    }
    return wires.slice(0, nDropWires).sort((x, y) => x - y);
  }

  return {
    startEpoch(epoch: number): DropoutEpoch {
      const u = rng.next(); // drawn every epoch, the first one included (§3.1)
      const drop = u <= pDrop && epoch > 1;
      const droppedWires = drop ? chooseWires() : [];
      const trainWireMask = new Float32Array(nQubits).fill(1); // [n]
      const gradMask = new Uint8Array(gates.length).fill(1); // [P]
      for (const w of droppedWires) {
        trainWireMask[w] = 0;
        for (const k of gatesOfDroppedWire(w, { gates, nQubits, gateSet })) {
          gradMask[k] = 0;
        }
      }
      const evalWireMask = maskAtEval
        ? trainWireMask.slice()
        : new Float32Array(nQubits).fill(1);
      return {
        epoch,
        drop,
        droppedWires,
        trainWireMask,
        evalWireMask,
        gradMask,
      };
    },
    freshModelEachEpoch,
  };
}
