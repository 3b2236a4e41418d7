/**
 * The one seeded pseudo-random generator of the suite: sfc32 seeded through
 * splitmix32. Every random choice (shuffles, subsamples, initial weights, shot
 * sampling, dropout masks) draws from an {@linkcode Rng}, so the same seed on the
 * same backend gives the same numbers.
 *
 * @module
 */

/** A deterministic stream of random numbers. */
export interface Rng {
  /** Uniform float in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform integer in 0 … n−1 (no modulo bias). */
  int(n: number): number;
  /** Standard normal deviate (Box–Muller). */
  normal(): number;
  /** Fisher–Yates shuffle in place. */
  shuffle(a: { length: number; [i: number]: unknown }): void;
  /** A uniformly random permutation of 0 … n−1. */
  permutation(n: number): Uint32Array;
  /**
   * An independent child stream named by `label`. It depends only on the
   * parent's seed and the label, not on how much the parent has drawn, so
   * adding a draw somewhere never shifts another component's randomness.
   */
  fork(label: string | number): Rng;
  /** A non-negative 31-bit integer, e.g. to seed tfjs initializers. */
  seedInt(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over the label's UTF-16 code units, mixed with the parent seed. */
function hashLabel(seed: number, label: string | number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  const text = String(label);
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h;
}

class Sfc32 implements Rng {
  #a: number;
  #b: number;
  #c: number;
  #d = 1;
  #spare = NaN;
  readonly #seed: number;

  constructor(seed: number) {
    this.#seed = seed >>> 0;
    const mix = splitmix32(this.#seed);
    this.#a = mix();
    this.#b = mix();
    this.#c = mix();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.#a + this.#b) >>> 0) + this.#d) >>> 0;
    this.#d = (this.#d + 1) >>> 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) >>> 0;
    this.#c = ((this.#c << 21) | (this.#c >>> 11)) >>> 0;
    this.#c = (this.#c + t) >>> 0;
    return t;
  }

  next(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new RangeError(
        `Cannot draw an integer below ${n}: expected 1 ≤ n ≤ 2^32`,
      );
    }
    // Rejection sampling removes the modulo bias.
    const limit = 2 ** 32 - (2 ** 32 % n);
    let x = this.uint32();
    while (x >= limit) x = this.uint32();
    return x % n;
  }

  normal(): number {
    if (!Number.isNaN(this.#spare)) {
      const z = this.#spare;
      this.#spare = NaN;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.#spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  shuffle(a: { length: number; [i: number]: unknown }): void {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  permutation(n: number): Uint32Array {
    const p = new Uint32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    this.shuffle(p);
    return p;
  }

  fork(label: string | number): Rng {
    return new Sfc32(hashLabel(this.#seed, label));
  }

  seedInt(): number {
    return this.uint32() >>> 1;
  }
}

/**
 * Create the seeded generator.
 *
 * @param seed Any integer; only its low 32 bits are used.
 * @returns A fresh {@linkcode Rng}.
 * @throws {TypeError} If `seed` is not an integer.
 *
 * @example Same seed, same numbers
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "./prng.ts";
 * const a = createRng(7), b = createRng(7);
 * assert.equal(a.next(), b.next());
 * assert.notEqual(createRng(7).fork("init").next(), createRng(7).fork("data").next());
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) {
    throw new TypeError(
      `Cannot seed the generator: expected an integer, got ${seed}`,
    );
  }
  return new Sfc32(seed);
}
