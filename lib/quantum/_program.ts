// Compiles a Circuit into backend steps (CPU, tfjs ops): consecutive one-qubit gates on a wire are fused into one
// 2×2 block, and runs of CNOT/CZ/SWAP into one signed permutation of the basis (one pass over the
// state instead of one per gate). Gates on disjoint wires commute, which licenses the reordering.

import type { Circuit, Operation, Param } from "./circuit.ts";
import { CNOT, CZ, gateMatrix, RBS, ROT, RX, RY, RZ, SWAP } from "./gates.ts";

/** One gate inside a fused one-qubit block. */
export type BlockGate =
  | { readonly kind: "rot"; readonly axis: 0 | 1 | 2; readonly param: Param }
  | { readonly kind: "const"; readonly matrix: Float64Array };

export type Step =
  | {
    readonly kind: "u1";
    readonly wire: number;
    readonly gates: BlockGate[];
    shared: boolean;
  }
  | {
    readonly kind: "rbs";
    readonly wires: [number, number];
    readonly param: Param;
  }
  | {
    readonly kind: "perm";
    readonly src: Int32Array;
    readonly sign: Float64Array;
    readonly invSrc: Int32Array;
    readonly invSign: Float64Array;
    readonly diagonal: boolean;
  }
  | {
    readonly kind: "u2";
    readonly wires: [number, number];
    readonly matrix: Float64Array;
  };

const PERM_GATES = new Set<string>([CNOT, CZ, SWAP]);

function blockGates(op: Operation): BlockGate[] {
  switch (op.gate) {
    case RX:
      return [{ kind: "rot", axis: 0, param: op.params[0] }];
    case RY:
      return [{ kind: "rot", axis: 1, param: op.params[0] }];
    case RZ:
      return [{ kind: "rot", axis: 2, param: op.params[0] }];
    case ROT: // RZ(ω)·RY(θ)·RZ(φ): RZ(φ) acts first
      return [
        { kind: "rot", axis: 2, param: op.params[0] },
        { kind: "rot", axis: 1, param: op.params[1] },
        { kind: "rot", axis: 2, param: op.params[2] },
      ];
  }
  return [{ kind: "const", matrix: op.matrix ?? gateMatrix(op.gate, []) }];
}

/** Signed permutation of basis states of a run of CNOT/CZ/SWAP ops, as a gather table. */
function permStep(n: number, ops: Operation[]): Step {
  const dim = 1 << n;
  const image = new Int32Array(dim), phase = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    let j = i, s = 1;
    for (const op of ops) {
      const a = 1 << (n - 1 - op.wires[0]), b = 1 << (n - 1 - op.wires[1]);
      if (op.gate === CNOT) {
        if (j & a) j ^= b;
      } else if (op.gate === CZ) {
        if (j & a && j & b) s = -s;
      } else if (((j & a) !== 0) !== ((j & b) !== 0)) j ^= a | b;
    }
    image[i] = j; // V|i⟩ = s|j⟩
    phase[i] = s;
  }
  const src = new Int32Array(dim), sign = new Float64Array(dim);
  let diagonal = true;
  for (let i = 0; i < dim; i++) {
    src[image[i]] = i;
    sign[image[i]] = phase[i];
    if (image[i] !== i) diagonal = false;
  }
  return { kind: "perm", src, sign, invSrc: image, invSign: phase, diagonal };
}

/** Steps equivalent to circuit.ops, in an order valid for both forward and adjoint passes. */
export function compileSteps(
  circuit: Circuit,
  { fusePermutations = true }: { fusePermutations?: boolean } = {},
): Step[] {
  const n = circuit.nQubits;
  const steps: Step[] = [];
  const pending = new Map<number, Step & { kind: "u1" }>();
  let openPerm: Operation[] = [];
  const permWires = new Set<number>();
  const closePerm = () => {
    if (openPerm.length > 0) steps.push(permStep(n, openPerm));
    openPerm = [];
    permWires.clear();
  };
  // Emit the pending block on w; it must precede the open permutation run if that touches w.
  const flush = (w: number) => {
    const block = pending.get(w);
    if (block === undefined) return;
    if (permWires.has(w)) closePerm();
    steps.push(block);
    pending.delete(w);
  };
  for (const op of circuit.ops) {
    if (op.wires.length === 1) {
      const w = op.wires[0];
      const block = pending.get(w) ??
        { kind: "u1", wire: w, gates: [], shared: true };
      block.gates.push(...blockGates(op));
      pending.set(w, block);
      continue;
    }
    const wires: [number, number] = [op.wires[0], op.wires[1]];
    flush(wires[0]);
    flush(wires[1]);
    if (fusePermutations && PERM_GATES.has(op.gate)) {
      openPerm.push(op);
      permWires.add(wires[0]);
      permWires.add(wires[1]);
      continue;
    }
    if (permWires.has(wires[0]) || permWires.has(wires[1])) closePerm();
    if (op.gate === RBS) {
      steps.push({ kind: "rbs", wires, param: op.params[0] });
    } else {steps.push({
        kind: "u2",
        wires,
        matrix: op.matrix ?? gateMatrix(op.gate, []),
      });}
  }
  closePerm();
  for (const block of pending.values()) steps.push(block);
  for (const step of steps) {
    if (step.kind === "u1") {
      step.shared = step.gates.every((g) =>
        g.kind === "const" || g.param.kind !== "input"
      );
    }
  }
  return steps;
}

const hasImag = (m: Float64Array) => m.some((v, i) => i % 2 === 1 && v !== 0);

/** Whether ψ and the adjoint λ stay real, so the real-arithmetic kernels apply. */
export function isRealProgram(circuit: Circuit, steps: Step[]): boolean {
  const opsReal = steps.every((s) => {
    if (s.kind === "u1") {
      return s.gates.every((
        g,
      ) => (g.kind === "rot" ? g.axis === 1 : !hasImag(g.matrix)));
    }
    return s.kind === "u2" ? !hasImag(s.matrix) : true;
  });
  const observablesReal = circuit.observables.every((o) => {
    if (o.kind === "pauli") {
      return o.paulis.filter((p) => p === "Y").length % 2 === 0;
    }
    if (o.kind === "hermitian") {
      return o.params[3].kind === "const" && o.params[3].value === 0;
    }
    return true;
  });
  return opsReal && observablesReal;
}
