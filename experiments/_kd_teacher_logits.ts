/**
 * Teacher logits on disk and in rows: the raw float32 files under
 * `<out>/kd/teachers/`, the rows of a smaller class set inside a larger one's
 * logits, and a teacher's accuracy read from its logits. Private to
 * `experiments/kd.ts`.
 *
 * @module
 */

/**
 * Reads a raw little-endian float32 logits file.
 *
 * @param path The file.
 * @returns Its values, or undefined when the file does not exist.
 */
export async function readLogits(
  path: string,
): Promise<Float32Array | undefined> {
  try {
    const bytes = await Deno.readFile(path);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return undefined;
    throw err;
  }
}

/**
 * The rows of images with label < c, and the first c columns of each: the
 * logits of the class set 0…c−1 inside a teacher's logits on 0…K−1.
 *
 * @param logits Row-major `[N, trainClasses]`.
 * @param labels The N labels.
 * @param options The teacher's class count K and the kept classes c ≤ K.
 * @returns Row-major `[n, c]`, n = #{i : labels[i] < c}.
 */
export function selectRows(
  logits: Float32Array,
  labels: ArrayLike<number>,
  options: { trainClasses: number; c: number },
): Float32Array {
  const { trainClasses, c } = options;
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= c) continue;
    for (let k = 0; k < c; k++) out.push(logits[i * trainClasses + k]);
  }
  return new Float32Array(out);
}

/**
 * Accuracy on the images with label < c, predicting the argmax of the first c
 * logits.
 *
 * @param logits Row-major `[N, trainClasses]`.
 * @param labels The N labels.
 * @param options The teacher's class count K and the scored classes c ≤ K.
 * @returns The fraction correct.
 */
export function accuracyOn(
  logits: Float32Array,
  labels: ArrayLike<number>,
  options: { trainClasses: number; c: number },
): number {
  const { trainClasses, c } = options;
  let hits = 0;
  let n = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= c) continue;
    let best = 0;
    for (let k = 1; k < c; k++) {
      if (logits[i * trainClasses + k] > logits[i * trainClasses + best]) {
        best = k;
      }
    }
    hits += best === labels[i] ? 1 : 0;
    n++;
  }
  return hits / n;
}
