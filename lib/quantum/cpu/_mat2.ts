// Allocation-free 2×2 complex algebra on Float64Array(8) (interleaved, row-major) for fused
// one-qubit blocks.

/** out ← R_axis(t) = e^{−i t σ/2}, axis 0 = X, 1 = Y, 2 = Z. */
export function rotInto(axis: number, t: number, out: Float64Array): void {
  const c = Math.cos(t / 2), s = Math.sin(t / 2);
  out.fill(0);
  out[0] = c;
  out[6] = c;
  if (axis === 0) {
    out[3] = -s;
    out[5] = -s;
  } else if (axis === 1) {
    out[2] = -s;
    out[4] = s;
  } else {
    out[1] = -s;
    out[7] = s;
  }
}

/** out ← a·b (out may alias neither). */
export function mulInto(
  a: Float64Array,
  b: Float64Array,
  out: Float64Array,
): void {
  for (let r = 0; r < 2; r++) {
    for (let c = 0; c < 2; c++) {
      const a0r = a[4 * r],
        a0i = a[4 * r + 1],
        a1r = a[4 * r + 2],
        a1i = a[4 * r + 3];
      const b0r = b[2 * c],
        b0i = b[2 * c + 1],
        b1r = b[4 + 2 * c],
        b1i = b[4 + 2 * c + 1];
      out[2 * (2 * r + c)] = a0r * b0r - a0i * b0i + a1r * b1r - a1i * b1i;
      out[2 * (2 * r + c) + 1] = a0r * b0i + a0i * b0r + a1r * b1i + a1i * b1r;
    }
  }
}

/** out ← (−i/2)·σ_axis (the generator of R_axis: dR/dt = (−i/2)σ·R). */
export function generatorInto(axis: number, out: Float64Array): void {
  out.fill(0);
  if (axis === 0) {
    out[3] = -0.5;
    out[5] = -0.5;
  } else if (axis === 1) {
    out[2] = -0.5;
    out[4] = 0.5;
  } else {
    out[1] = -0.5;
    out[7] = 0.5;
  }
}

/** out ← a†. */
export function daggerInto(a: Float64Array, out: Float64Array): void {
  out[0] = a[0];
  out[1] = -a[1];
  out[2] = a[4];
  out[3] = -a[5];
  out[4] = a[2];
  out[5] = -a[3];
  out[6] = a[6];
  out[7] = -a[7];
}

/** Re Σ_rc M_rc·G_rc. */
export function reDot(m: Float64Array, g: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < 4; k++) {
    s += m[2 * k] * g[2 * k] - m[2 * k + 1] * g[2 * k + 1];
  }
  return s;
}
