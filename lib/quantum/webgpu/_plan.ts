/**
 * Lowering of a circuit to the WebGPU backend's step list:
 * 1. Consecutive single-qubit gates on a wire fuse into one 2×2 step ("u1"), at most MAX_DERIVS
 *    angles each. A run ends where a two-qubit gate touches its wire; at that point every
 *    pending wire is flushed (its gates commute with everything emitted since they were seen).
 * 2. The u1 steps flushed together go into "layer" steps of up to MAX_LAYER_WIRES wires, applied
 *    in one pass over the state; the backward pass still visits their parts one by one.
 * 3. Runs of two or more consecutive CZ gates become one "diagonal" sign step.
 * Every non-constant angle gets a gradient slot; observables become measured rows.
 *
 * @module
 */

import type { Circuit, Operation, Param } from "../circuit.ts";
import { CNOT, CZ, RBS, SWAP } from "../gates.ts";
import { groupRows, type MeasureGroup } from "./_measure_groups.ts";
import { lowerObservables, type OutputMap } from "./_observables.ts";
import { MAX_DERIVS, MAX_LAYER_WIRES, MEAS_WORDS } from "./_wgsl.ts";

/** A derivative carried by a fused step: angle `param` of factor `factor`, into `slot`. */
export interface FusedDeriv {
  /** Index into the step's factors. */
  readonly factor: number;
  /** Angle index within that gate. */
  readonly param: number;
  /** Gradient slot. */
  readonly slot: number;
}

/** Where a step's matrices live in `mats`. */
export interface MatrixBlock {
  /** Entries (complex numbers) per block. */
  readonly size: number;
  /** True when the block differs per sample (an angle reads an input). */
  readonly perSample: boolean;
  /** Offset among shared blocks, or among per-sample blocks (in entries per sample). */
  readonly offset: number;
}

/** A fused single-qubit step: U = U_m ⋯ U_1 and one derivative matrix per angle. */
export interface U1Step {
  /** Discriminant. */
  readonly kind: "u1";
  /** The wire. */
  readonly wire: number;
  /** Gates in application order. */
  readonly factors: readonly Operation[];
  /** Angles differentiated, in slot order. */
  readonly derivs: readonly FusedDeriv[];
  /** [U, D_0, …] block. */
  readonly block: MatrixBlock;
}

/** A lowered step. */
export type PlanStep =
  | U1Step
  | {
    readonly kind: "layer";
    readonly parts: readonly U1Step[]; // distinct wires, ascending bit position
    readonly block: MatrixBlock; // the parts' U, in order
    readonly gIndex: number; // G matrix of part j is number gIndex + j (see AdjointLayer)
  }
  | {
    readonly kind: "rbs";
    readonly wires: readonly [number, number];
    readonly param: Param;
    readonly slot: number; // −1 for a constant angle
    readonly block: MatrixBlock;
  }
  | {
    readonly kind: "u2";
    readonly wires: readonly [number, number];
    readonly matrix: Float64Array;
    readonly block: MatrixBlock;
  }
  | {
    readonly kind: "fixed";
    readonly gate: string;
    readonly wires: readonly [number, number];
  }
  | {
    readonly kind: "diagonal";
    readonly masks: readonly number[]; // one bit mask per CZ
    readonly word: number; // first mask in the meas buffer
  };

export type { OutputMap };

/** The lowered circuit. */
export interface Plan {
  /** The source circuit. */
  readonly circuit: Circuit;
  /** Steps in application order. */
  readonly steps: readonly PlanStep[];
  /** Angle source of each gradient slot. */
  readonly slots: readonly Param[];
  /** Complex entries of the shared matrix blocks. */
  readonly sharedEntries: number;
  /** Complex entries per sample of the per-sample matrix blocks. */
  readonly perSampleEntries: number;
  /** Measured groups in row order. */
  readonly groups: readonly MeasureGroup[];
  /** CZ masks of the diagonal steps, stored in `meas` after the groups. */
  readonly diagonalMasks: readonly number[];
  /** G matrices of the layer parts (one per part). */
  readonly nG: number;
  /** Measured rows R. */
  readonly nRows: number;
  /** Row mapping of each observable, in output order. */
  readonly outputs: readonly OutputMap[];
  /** Outputs per sample. */
  readonly nOutputs: number;
}

const FIXED = new Set<string>([CNOT, CZ, SWAP]);

/**
 * Lower a circuit for the WebGPU backend.
 *
 * @param circuit A circuit from `createCircuit`.
 * @returns The plan.
 *
 * @example A layer of RY gates becomes one step; two CZ gates one diagonal step
 * ```ts
 * import assert from "node:assert/strict";
 * import { createCircuit, weightParam } from "../circuit.ts";
 * import { planCircuit } from "./_plan.ts";
 * const ry = (q: number) => ({ gate: "RY" as const, wires: [q], params: [weightParam(q)] });
 * const c = createCircuit({
 *   nQubits: 3,
 *   ops: [ry(0), ry(1), ry(2), { gate: "CZ", wires: [0, 1], params: [] },
 *     { gate: "CZ", wires: [1, 2], params: [] }],
 *   observables: [],
 * });
 * assert.deepEqual(planCircuit(c).steps.map((s) => s.kind), ["layer", "diagonal"]);
 * ```
 */
export function planCircuit(circuit: Circuit): Plan {
  const n = circuit.nQubits;
  const steps: PlanStep[] = [],
    slots: Param[] = [],
    diagonalMasks: number[] = [];
  const { groups, outputs } = lowerObservables(circuit);
  const groupWords = (groups.length + 1) * MEAS_WORDS;
  let sharedEntries = 0, perSampleEntries = 0, nG = 0;
  const block = (size: number, perSample: boolean): MatrixBlock => {
    const offset = perSample ? perSampleEntries : sharedEntries;
    if (perSample) perSampleEntries += size;
    else sharedEntries += size;
    return { size, perSample, offset };
  };
  const slotOf = (p: Param): number => {
    if (p.kind === "const") return -1;
    slots.push(p);
    return slots.length - 1;
  };
  // 1. a wire's pending run as u1 steps of at most MAX_DERIVS angles
  const chunks = (wire: number, ops: readonly Operation[]): U1Step[] => {
    const out: U1Step[] = [];
    let factors: Operation[] = [], derivs: FusedDeriv[] = [];
    const emit = () => {
      if (factors.length === 0) return;
      const perSample = factors.some((f) =>
        f.params.some((p) => p.kind === "input")
      );
      out.push({
        kind: "u1",
        wire,
        factors,
        derivs,
        block: block(4 * (1 + derivs.length), perSample),
      });
      factors = [];
      derivs = [];
    };
    for (const op of ops) {
      const nVar = op.params.filter((p) => p.kind !== "const").length;
      if (derivs.length + nVar > MAX_DERIVS) emit();
      op.params.forEach((p, param) => {
        if (p.kind !== "const") {
          derivs.push({ factor: factors.length, param, slot: slotOf(p) });
        }
      });
      factors.push(op);
    }
    emit();
    return out;
  };
  // 2. every pending wire, grouped into layers level by level (a wire's k-th chunk in level k)
  const maskOf = (w: readonly number[]) =>
    (1 << (n - 1 - w[0])) | (1 << (n - 1 - w[1]));
  const pending: Operation[][] = Array.from({ length: n }, () => []);
  const flushAll = () => {
    const perWire = pending.map((ops, wire) => chunks(wire, ops)).reverse(); // ascending bit
    pending.forEach((ops) => (ops.length = 0));
    for (let level = 0; perWire.some((c) => c.length > level); level++) {
      const parts = perWire.filter((c) => c.length > level).map((c) =>
        c[level]
      );
      for (let i = 0; i < parts.length; i += MAX_LAYER_WIRES) {
        const group = parts.slice(i, i + MAX_LAYER_WIRES);
        if (group.length === 1) steps.push(group[0]);
        else {
          const perSample = group.some((p) => p.block.perSample);
          steps.push({
            kind: "layer",
            parts: group,
            block: block(4 * group.length, perSample),
            gIndex: nG,
          });
          nG += group.length;
        }
      }
    }
  };
  for (const op of circuit.ops) {
    if (op.wires.length === 1) {
      pending[op.wires[0]].push(op);
      continue;
    }
    const wires = [op.wires[0], op.wires[1]] as const;
    if (pending[wires[0]].length > 0 || pending[wires[1]].length > 0) {
      flushAll();
    }
    // 3. a second consecutive CZ turns the first into a diagonal step
    const last = steps.at(-1);
    if (op.gate === CZ && last?.kind === "diagonal") {
      (last.masks as number[]).push(maskOf(wires));
      diagonalMasks.push(maskOf(wires));
    } else if (op.gate === CZ && last?.kind === "fixed" && last.gate === CZ) {
      const masks = [maskOf(last.wires), maskOf(wires)];
      steps[steps.length - 1] = {
        kind: "diagonal",
        masks,
        word: groupWords + diagonalMasks.length,
      };
      diagonalMasks.push(...masks);
    } else if (op.gate === RBS) {
      const p = op.params[0];
      steps.push({
        kind: "rbs",
        wires,
        param: p,
        slot: slotOf(p),
        block: block(1, p.kind === "input"),
      });
    } else if (FIXED.has(op.gate)) {
      steps.push({ kind: "fixed", gate: op.gate, wires });
    } else {
      steps.push({
        kind: "u2",
        wires,
        matrix: op.matrix as Float64Array,
        block: block(16, false),
      });
    }
  }
  flushAll();
  const nRows = groups.reduce((a, g) => a + groupRows(g), 0);
  const nOutputs = outputs.reduce(
    (a, o) => a + (o.kind === "rows" ? o.size : 1),
    0,
  );
  return {
    circuit,
    steps,
    slots,
    sharedEntries,
    perSampleEntries,
    groups,
    diagonalMasks,
    nG,
    nRows,
    outputs,
    nOutputs,
  };
}

/**
 * Offset of the layers' G matrices in `grads`: after the gradient slots [slots, B] and the
 * amplitude-input gradient [B, F].
 *
 * @param plan The lowered circuit.
 * @param batch Samples B.
 * @returns The offset in floats.
 */
export function gOffset(plan: Plan, batch: number): number {
  const init = plan.circuit.init;
  return plan.slots.length * batch +
    (init.kind === "amplitude" ? batch * init.nFeatures : 0);
}
