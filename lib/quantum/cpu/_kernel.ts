// The shape of a CPU kernel config (tfjs-style: a name, a backend and a run function), the
// batched state every kernel acts on, and the kernel names. State layout: amplitude i of sample b
// at re[i·B + b], im[i·B + b] (batch innermost, so inner loops are contiguous and per-sample
// coefficients come from small arrays). Qubit q is bit (n − 1 − q) of i. Kernels never allocate.

/** Float64Array or Float32Array state storage. */
export type Real = Float64Array | Float32Array;

/** Batched state ψ, adjoint state λ and one spare pair for out-of-place kernels. */
export interface CpuState {
  re: Real;
  im: Real;
  lre: Real;
  lim: Real;
  /** Spare buffers; Permutation writes into them and swaps them in. */
  spare: [Real, Real];
  /** Number of qubits n. */
  n: number;
  /** Batch size B. */
  nb: number;
  /** 2^n. */
  dim: number;
  /** ψ and λ stay real: kernels skip the imaginary buffers (they hold zeros). */
  real: boolean;
}

/** Arguments of one kernel invocation (each kernel reads the fields it documents). */
export interface CpuStepArgs {
  /** Gate wires; the first is the most significant bit of the local index. */
  wires: readonly number[];
  /** Per-sample coefficients: U1 8×B (see apply_u1.ts), RBS 2×B (cos, sin). */
  coef?: Float64Array;
  /** U1 coefficients are the same for every sample (column 0 is read). */
  shared?: boolean;
  /** Adjoint accumulators: AdjointU1 8×B overlap matrix, AdjointRBS B gradients. */
  grad?: Float64Array;
  /** Permutation gather table and Diagonal/Permutation signs, one per basis state. */
  src?: Int32Array;
  /** ±1 per basis state. */
  sign?: Float64Array;
  /** U2 constant 4×4 complex matrix (interleaved). */
  matrix?: Float64Array;
  /** Apply the inverse (RBS transpose, U2 conjugate transpose). */
  inverse?: boolean;
  /** Act on λ instead of ψ (Permutation, Diagonal, U2). */
  lambda?: boolean;
}

/** One kernel of the CPU backend. */
export interface CpuKernel {
  /** Kernel name, a value of CPU_KERNEL. */
  readonly kernel: string;
  /** Backend name. */
  readonly backend: "cpu";
  /** Run the kernel on the batched state. */
  run(st: CpuState, args: CpuStepArgs): void;
}

/** Names of the CPU kernels. */
export const CPU_KERNEL = {
  /** Fused one-qubit 2×2 block. */
  U1: "U1",
  /** Adjoint step of a U1 block: overlap accumulation, then U† on ψ and λ. */
  ADJOINT_U1: "AdjointU1",
  /** RBS Givens rotation. */
  RBS: "RBS",
  /** Adjoint step of RBS: gradient, then the transpose on ψ and λ. */
  ADJOINT_RBS: "AdjointRBS",
  /** Signed permutation of the basis (a fused run of CNOT, CZ and SWAP). */
  PERMUTATION: "Permutation",
  /** ±1 per basis state (a fused run of CZ). */
  DIAGONAL: "Diagonal",
  /** Constant two-qubit 4×4 unitary. */
  U2: "U2",
} as const;

/** Zeroed state for n qubits and batch B. */
export function createCpuState(
  n: number,
  nb: number,
  { dtype = "float64", real = false }: {
    dtype?: "float64" | "float32";
    real?: boolean;
  } = {},
): CpuState {
  const len = (1 << n) * nb;
  const make =
    () => (dtype === "float32" ? new Float32Array(len) : new Float64Array(len));
  return {
    re: make(),
    im: make(),
    lre: make(),
    lim: make(),
    spare: [make(), make()],
    n,
    nb,
    dim: 1 << n,
    real,
  };
}
