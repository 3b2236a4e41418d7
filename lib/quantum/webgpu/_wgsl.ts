/**
 * WGSL shared by every kernel of the WebGPU backend: the per-dispatch `Step` uniform, the
 * buffer bindings and small complex-number helpers.
 *
 * Layout (see simulator.ts): amplitude `i` of sample `s` is `psi[i·B + s]` (sample fastest, so
 * neighbouring invocations touch neighbouring memory); `lam` is the adjoint vector λ of the same
 * shape; `mats` holds this pass's gate matrices; `aux` holds the input rows [B, F] and the
 * upstream gradient of the measured rows [B, R]; `meas` describes the measured rows, then holds
 * the CZ masks of the diagonal steps; `rows` receives the rows [B, R]; `grads` receives
 * per-sample gradient slots [slots, B], the amplitude-input gradient [B, F] and the layers' G
 * matrices [nG, B, 8].
 *
 * @module
 */

/**
 * Invocations per workgroup of a per-sample kernel: small, so that a batch of 64 still spreads
 * over several llvmpipe threads (one workgroup runs on one thread).
 */
export const WORKGROUP_SIZE = 16;
/** Samples and items per side of a grid kernel's workgroup (8 × 8). */
export const GRID_SIDE = 8;
/** Bytes between consecutive `Step` records of the uniform buffer (dynamic-offset alignment). */
export const STEP_STRIDE_BYTES = 256;

/** Most derivative matrices one fused single-qubit step carries. */
export const MAX_DERIVS = 8;
/** Most wires of one fused single-qubit layer step (2^MAX_LAYER_WIRES amplitudes per item). */
export const MAX_LAYER_WIRES = 4;
/** 32-bit words of one measurement-group record in `meas`. */
export const MEAS_WORDS = 32;
/** Most wires of one probabilities group (the record holds their bit positions). */
export const MAX_PROBS_WIRES = MEAS_WORDS - 6;

/** Field names of the `Step` uniform, in memory order. */
export const STEP_FIELDS = [
  "n", // qubits
  "batch", // samples B
  "count", // items per sample of a grid kernel
  "flags", // bit 0: apply U† instead of U
  "bitA", // bit position of the first wire (n − 1 − wire); layers: all, 8 bits each
  "bitB", // bit position of the second wire
  "mat", // first matrix entry (vec2 index into mats); Diagonal: first mask in meas
  "stride", // vec2 entries between samples' matrices (0: shared by the batch)
  "nBuf", // 1: act on psi; 2: act on psi and lam
  "nItems", // derivatives (AdjointU1), groups (Measure, AdjointSeed) or masks (Diagonal)
  "slot", // first gradient slot (AdjointLayer: first G matrix)
  "nRows", // measured rows R
  "inDim", // features per input row F_in
  "nFeatures", // amplitude-encoded features F
  "dyOff", // offset of the row gradient in aux
  "gradInOff", // offset of the amplitude-input gradient in grads
  "gOff", // offset of the layers' G matrices in grads (AdjointLayer)
] as const;

/** 32-bit words of one `Step` record (the fields, padded to 16-byte uniform alignment). */
export const STEP_WORDS = Math.ceil(STEP_FIELDS.length / 4) * 4;

/** One dispatch's uniform values; absent fields are 0. */
export type StepArgs = Partial<Record<(typeof STEP_FIELDS)[number], number>>;

/** The WGSL prelude every kernel source starts with. */
export const WGSL_PRELUDE = `
struct Step {
  ${STEP_FIELDS.map((f) => `${f}: u32,`).join("\n  ")}
  ${
  [...Array(STEP_WORDS - STEP_FIELDS.length).keys()].map((i) => `pad${i}: u32,`)
    .join("\n  ")
}
}
@group(0) @binding(0) var<uniform> step: Step;
@group(0) @binding(1) var<storage, read_write> psi: array<vec2f>;
@group(0) @binding(2) var<storage, read_write> lam: array<vec2f>;
@group(0) @binding(3) var<storage, read> mats: array<vec2f>;
@group(0) @binding(4) var<storage, read> aux: array<f32>;
@group(0) @binding(5) var<storage, read> meas: array<u32>;
@group(0) @binding(6) var<storage, read_write> rows: array<f32>;
@group(0) @binding(7) var<storage, read_write> grads: array<f32>;

fn cmul(a: vec2f, b: vec2f) -> vec2f {
  return vec2f(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}
fn conj(a: vec2f) -> vec2f {
  return vec2f(a.x, -a.y);
}
// Insert a zero bit at position p of k.
fn insertZero(k: u32, p: u32) -> u32 {
  let lo = k & ((1u << p) - 1u);
  return ((k ^ lo) << 1u) | lo;
}
fn load(buf: u32, i: u32) -> vec2f {
  if (buf == 0u) { return psi[i]; }
  return lam[i];
}
fn store(buf: u32, i: u32, v: vec2f) {
  if (buf == 0u) { psi[i] = v; } else { lam[i] = v; }
}
`;

/** Invocation layout of a kernel: a (sample, item) grid, or one invocation per sample. */
export type KernelLayout = "grid" | "samples";

/**
 * Full WGSL module of a kernel: the prelude, then `body`, then a `main` entry point.
 *
 * `"grid"`: workgroups of 8 samples × 8 items (8 neighbouring samples share a SIMD row on
 * llvmpipe and touch neighbouring memory); invocation (s, k) with k < `step.count` runs
 * `run(s, k)`. `"samples"`: 64 samples per workgroup; invocation s runs `run(s)`. Both return
 * past `step.batch`.
 *
 * @param body WGSL that defines `fn run(s: u32, k: u32)` (grid) or `fn run(s: u32)` (samples).
 * @param options `layout`: the invocation layout.
 * @returns The module source.
 *
 * @example A grid kernel
 * ```ts
 * import assert from "node:assert/strict";
 * import { kernelSource } from "./_wgsl.ts";
 * const src = kernelSource("fn run(s: u32, k: u32) {}", { layout: "grid" });
 * assert.match(src, /@compute @workgroup_size\(8, 8\)/);
 * ```
 */
export function kernelSource(
  body: string,
  { layout }: { layout: KernelLayout },
): string {
  if (layout === "samples") {
    return `${WGSL_PRELUDE}
${body}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= step.batch) { return; }
  run(gid.x);
}
`;
  }
  return `${WGSL_PRELUDE}
${body}
@compute @workgroup_size(${GRID_SIDE}, ${GRID_SIDE})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let k = gid.y + gid.z * nwg.y * ${GRID_SIDE}u;
  if (gid.x >= step.batch || k >= step.count) { return; }
  run(gid.x, k);
}
`;
}
