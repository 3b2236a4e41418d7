/**
 * The dispatch lists of the forward and the backward pass of a plan at batch size B, recorded
 * once through the kernels' `run` functions, with their `Step` uniforms packed at
 * STEP_STRIDE_BYTES.
 *
 * @module
 */

import { blockAddress } from "./_fill_matrices.ts";
import { RBS } from "../gates.ts";
import { STAGE } from "./_kernel.ts";
import { adjointLayerKernelName } from "./adjoint_layer.ts";
import { u1LayerKernelName } from "./apply_u1_layer.ts";
import { gOffset, type Plan, type PlanStep } from "./_plan.ts";
import {
  GRID_SIDE,
  type KernelLayout,
  STEP_FIELDS,
  STEP_STRIDE_BYTES,
  type StepArgs,
  WORKGROUP_SIZE,
} from "./_wgsl.ts";
import { WEBGPU_KERNELS } from "./register.ts";

const MAX_GROUPS = 65535;

/** One recorded dispatch. */
export interface Dispatch {
  /** Kernel name. */
  readonly kernel: string;
  /** Workgroups along x, y and z. */
  readonly groups: readonly [number, number, number];
  /** Byte offset of its `Step` in the uniform buffer. */
  readonly offset: number;
}

/** Both passes of a plan at one batch size. */
export interface RecordedPasses {
  /** Forward pass: initial state, gates, measurement. */
  readonly forward: readonly Dispatch[];
  /** Backward pass: seed, adjoint steps in reverse, amplitude-input gradient. */
  readonly backward: readonly Dispatch[];
  /** Packed `Step` records of both passes. */
  readonly uniforms: Uint32Array<ArrayBuffer>;
}

function gateArgs(plan: Plan, step: PlanStep, batch: number): StepArgs {
  const n = plan.circuit.nQubits;
  const args: StepArgs = { n, batch, nBuf: 1 };
  switch (step.kind) {
    case "u1":
      args.bitA = n - 1 - step.wire;
      break;
    case "layer":
      args.bitA = step.parts.reduce(
        (a, p, j) => a | ((n - 1 - p.wire) << (8 * j)),
        0,
      );
      break;
    case "diagonal":
      return { ...args, mat: step.word, nItems: step.masks.length };
    default:
      args.bitA = n - 1 - step.wires[0];
      args.bitB = n - 1 - step.wires[1];
  }
  if (step.kind !== "fixed") {
    Object.assign(args, blockAddress(plan, step.block, batch));
  }
  return args;
}

function kernelOf(step: PlanStep): string {
  switch (step.kind) {
    case "u1":
      return STAGE.U1;
    case "layer":
      return u1LayerKernelName(step.parts.length);
    case "diagonal":
      return STAGE.DIAGONAL;
    case "u2":
      return STAGE.U2;
    case "rbs":
      return RBS;
    case "fixed":
      return step.gate;
  }
}

// The adjoint of one step: with derivatives, the AdjointU1 / AdjointRBS sweep; otherwise the
// gate's inverse on ψ and λ (CNOT, CZ, SWAP and diagonal signs are self-inverse).
function recordAdjoint(
  plan: Plan,
  step: PlanStep,
  args: { batch: number; run: (kernel: string, step: StepArgs) => void },
): void {
  const { batch, run } = args;
  if (step.kind === "layer") {
    const kernel = adjointLayerKernelName(step.parts.length);
    run(kernel, {
      ...gateArgs(plan, step, batch),
      slot: step.gIndex,
      gOff: gOffset(plan, batch),
    });
    return;
  }
  const a = gateArgs(plan, step, batch);
  if (step.kind === "u1" && step.derivs.length > 0) {
    run(STAGE.ADJOINT_U1, {
      ...a,
      nItems: step.derivs.length,
      slot: step.derivs[0].slot,
    });
  } else if (step.kind === "rbs" && step.slot >= 0) {
    run(STAGE.ADJOINT_RBS, { ...a, slot: step.slot });
  } else run(kernelOf(step), { ...a, nBuf: 2, flags: 1 });
}

/**
 * Record both passes of `plan` at batch size `batch`.
 *
 * @param plan The lowered circuit.
 * @param batch Samples B.
 * @returns Dispatch lists and packed uniforms.
 */
export function recordPasses(plan: Plan, batch: number): RecordedPasses {
  const c = plan.circuit, n = c.nQubits;
  const words: number[][] = [];
  const list: Dispatch[] = [];
  const recorder = {
    dispatch(
      kernel: string,
      shape: { layout: KernelLayout; items: number },
      step: StepArgs,
    ): void {
      const record = STEP_FIELDS.map((f) =>
        f === "count" ? shape.items : step[f] ?? 0
      );
      const offset = words.length * STEP_STRIDE_BYTES;
      words.push(record);
      if (shape.layout === "samples") {
        list.push({
          kernel,
          groups: [Math.ceil(batch / WORKGROUP_SIZE), 1, 1],
          offset,
        });
        return;
      }
      const items = Math.ceil(shape.items / GRID_SIDE);
      const y = Math.min(items, MAX_GROUPS);
      const groups = [
        Math.ceil(batch / GRID_SIDE),
        y,
        Math.ceil(items / y),
      ] as const;
      list.push({ kernel, groups, offset });
    },
  };
  const run = (kernel: string, step: StepArgs) =>
    WEBGPU_KERNELS.get(kernel)!.run(recorder, step);
  const base: StepArgs = { n, batch, nRows: plan.nRows, inDim: c.nInputs };
  if (c.init.kind === "zero") run(STAGE.INIT_ZERO, base);
  else run(STAGE.AMPLITUDE_ENCODE, { ...base, nFeatures: c.init.nFeatures });
  for (const step of plan.steps) {
    run(kernelOf(step), gateArgs(plan, step, batch));
  }
  run(STAGE.MEASURE, { ...base, nItems: plan.groups.length });
  const forward = list.splice(0);

  run(STAGE.ADJOINT_SEED, {
    ...base,
    nItems: plan.groups.length,
    dyOff: batch * c.nInputs,
  });
  for (let k = plan.steps.length - 1; k >= 0; k--) {
    recordAdjoint(plan, plan.steps[k], { batch, run });
  }
  if (c.init.kind === "amplitude") {
    run(STAGE.AMPLITUDE_ENCODE_GRAD, {
      ...base,
      nFeatures: c.init.nFeatures,
      gradInOff: plan.slots.length * batch,
    });
  }
  const uniforms = new Uint32Array(words.length * (STEP_STRIDE_BYTES / 4));
  words.forEach((w, i) => uniforms.set(w, (i * STEP_STRIDE_BYTES) / 4));
  return { forward, backward: list, uniforms };
}
