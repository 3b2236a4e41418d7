import assert from "node:assert/strict";
import { applyPca, fitPca } from "../../lib/data/pca.ts";
import { flatten } from "../../lib/data/flatten.ts";
import { loadDataset } from "../../lib/data/load_dataset.ts";
import { toFloat32 } from "../../lib/data/to_float32.ts";
import type { FeatureSet } from "../../lib/data/sample_set.ts";
import { DATA_DIR } from "./_fixtures.ts";

const ATOL = 1e-6;

/** x[i, j] = sin(0.7i + 1.3j) + 0.1·j·cos(i), rounded to float32 */
function synthetic(n: number, d: number): FeatureSet {
  const features = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      features[i * d + j] = Math.sin(0.7 * i + 1.3 * j) + 0.1 * j * Math.cos(i);
    }
  }
  return { features, shape: [n, d], labels: new Uint8Array(n) };
}

function close(got: ArrayLike<number>, want: number[], atol = ATOL): void {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) {
    assert.ok(
      Math.abs(got[i] - want[i]) <= atol,
      `at ${i}: ${got[i]} vs ${want[i]}`,
    );
  }
}

// Golden values: NumPy 2.4 SVD of the centred data, rows of Vt flipped so each
// row's largest-magnitude entry is positive (scripted in the test's history).
const GOLDEN = {
  tall: {
    variance: [2.4537405147, 1.9505778411, 0.5653748024],
    component0: [
      -0.4204505976,
      0.0337638082,
      0.4686501373,
      0.2772348829,
      -0.229922181,
      -0.2796987822,
      0.2309638948,
      0.5840798147,
    ],
    scoreLast: [-2.1393017602, 0.5080113185, -0.4030641612],
  },
  wide: {
    variance: [17.3088622924, 5.2910514523, 0.1295272975],
    component0: [
      -0.0589396355,
      0.1515705093,
      0.1668164353,
      -0.0087502361,
      -0.0911369889,
      0.0671398998,
      0.2609913438,
      0.2332114659,
      0.0512847764,
      0.0085212409,
      0.194356471,
      0.3633283559,
      0.2946796281,
      0.1157677627,
      0.1154859967,
      0.3210340517,
      0.4580704736,
      0.3526235226,
      0.185960153,
      0.2290295405,
    ],
    scoreLast: [0.7663135016, 3.9527166619, 0.2256506501],
  },
};

for (
  const [label, n, d, golden] of [[
    "N > D (scatter matrix)",
    30,
    8,
    GOLDEN.tall,
  ], ["N < D (Gram matrix)", 6, 20, GOLDEN.wide]] as const
) {
  Deno.test(`fitPca() matches NumPy's SVD when ${label}`, () => {
    const train = synthetic(n, d);
    const pca = fitPca(train, { nComponents: 3 });
    assert.deepEqual(pca.shape, [3, d]);
    close(pca.explainedVariance, golden.variance);
    close(pca.components.subarray(0, d), golden.component0);
    const z = applyPca(pca, train);
    close(z.features.subarray((n - 1) * 3), golden.scoreLast, 1e-5);
  });
}

Deno.test("fitPca() returns orthonormal components with the largest entry positive", () => {
  const pca = fitPca(synthetic(40, 10), { nComponents: 4 });
  const [k, d] = pca.shape;
  for (let a = 0; a < k; a++) {
    const row = pca.components.subarray(a * d, (a + 1) * d);
    const big = row.reduce(
      (m, v, j) => (Math.abs(v) > Math.abs(row[m]) ? j : m),
      0,
    );
    assert.ok(row[big] > 0);
    for (let b = 0; b < k; b++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += row[j] * pca.components[b * d + j];
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-12);
    }
  }
});

Deno.test("applyPca() uses the training mean, not the mean of the set it projects", () => {
  const train = {
    features: new Float32Array([0, 0, 2, 0]),
    shape: [2, 2] as [number, number],
    labels: new Uint8Array(2),
  };
  const pca = fitPca(train, { nComponents: 1 }); // mean (1, 0), component (1, 0)
  const other = {
    features: new Float32Array([5, 3]),
    shape: [1, 2] as [number, number],
    labels: new Uint8Array(1),
  };
  assert.equal(applyPca(pca, other).features[0], 4);
  assert.throws(
    () => applyPca(pca, synthetic(1, 3)),
    /^RangeError: Cannot apply PCA: expected 2 features, got 3$/,
  );
});

Deno.test("fitPca() rejects more components than min(N, D)", () => {
  assert.throws(
    () => fitPca(synthetic(3, 5), { nComponents: 4 }),
    /^RangeError: Cannot fit PCA on 3×5 features: expected nComponents in 1…3, got 4$/,
  );
});

// NumPy, same recipe, on x/255 (float32) of each train split flattened in C order.
const MEDMNIST_GOLDEN = {
  pneumoniamnist: {
    variance: [5.0341, 1.2825, 0.9318, 0.6957, 0.5518, 0.4444],
    scoreFirst: [0.6057, -0.5736, -1.6671, 0.2225, 0.1134, -0.6471],
  },
  retinamnist: {
    variance: [26.9416, 5.5183, 4.7590, 2.8443, 2.0167, 1.3173],
    scoreFirst: [-3.6867, 1.2682, -0.3281, 0.0958, 1.5502, 0.1180],
  },
};

for (const name of ["pneumoniamnist", "retinamnist"] as const) {
  Deno.test(`fitPca() gives NumPy's PCA-6 of ${name} train (qdrop preprocessing)`, async () => {
    const train = flatten(
      toFloat32(await loadDataset(name, { dataDir: DATA_DIR })),
    );
    const pca = fitPca(train, { nComponents: 6 });
    close(pca.explainedVariance, MEDMNIST_GOLDEN[name].variance, 5e-5);
    close(
      applyPca(pca, train).features.subarray(0, 6),
      MEDMNIST_GOLDEN[name].scoreFirst,
      5e-5,
    );
  });
}
