/**
 * The registry of every dataset the suite uses: where each file comes from,
 * how it is stored under `data/`, and the SHA-256 of its decompressed payload
 * (the raw IDX bytes, each CIFAR `.bin`, each `.npz`). A canonical download and
 * the offline mirror (`../shared/data`, some files re-gzipped) therefore verify
 * the same way. Checksums were computed from the mirror, whose files match the
 * md5 sums their publishers list (see `../shared/data/README.md`).
 *
 * @module
 */

import { UsageError } from "../runtime/mod.ts";

/** Names accepted by `data:fetch`, `loadDataset` and `ensureDatasets`. */
export const DATASET_NAMES = [
  "mnist",
  "fashion-mnist",
  "cifar-10",
  "pneumoniamnist",
  "retinamnist",
] as const;

/** A dataset name. */
export type DatasetName = typeof DATASET_NAMES[number];

/** A split of a dataset. */
export type SplitName = "train" | "val" | "test";

/** One file of a dataset as stored under `data/<dir>/`. */
export interface DatasetFile {
  /** File name under `data/<dir>/`, e.g. `train-images-idx3-ubyte.gz`. */
  file: string;
  /** Whether the stored file is gzip-wrapped (the payload is its content). */
  gzip: boolean;
  /** SHA-256 (hex) of the payload: the decompressed bytes. */
  sha256: string;
  /** Length of the payload in bytes. */
  payloadBytes: number;
  /** Canonical download address: the file itself, or the archive holding it. */
  url: string;
  /** Path of the file inside the `.tar.gz` at `url`, when it comes in one. */
  member?: string;
}

/** Everything the suite knows about one dataset. */
export interface DatasetSpec {
  /** Registry name. */
  name: DatasetName;
  /** Human-readable name. */
  title: string;
  /** Folder under `data/` (and under a mirror) holding the files. */
  dir: string;
  /** File format, selecting the loader. */
  format: "idx" | "cifar10" | "npz";
  /** Image `[H, W, C]`. */
  imageShape: [height: number, width: number, channels: number];
  /** Class names in label order. */
  classNames: readonly string[];
  /** Number of images per split. */
  splits: Partial<Record<SplitName, number>>;
  /** Files, in download order. */
  files: readonly DatasetFile[];
}

const MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/";
const FASHION_URL =
  "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
const CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
const ZENODO_URL = "https://zenodo.org/records/10519652/files/";

function idxFiles(
  base: string,
  sha256: [string, string, string, string],
): DatasetFile[] {
  const names = [
    ["train-images-idx3-ubyte", 47040016],
    ["train-labels-idx1-ubyte", 60008],
    ["t10k-images-idx3-ubyte", 7840016],
    ["t10k-labels-idx1-ubyte", 10008],
  ] as const;
  return names.map(([name, payloadBytes], i) => ({
    file: `${name}.gz`,
    gzip: true,
    sha256: sha256[i],
    payloadBytes,
    url: `${base}${name}.gz`,
  }));
}

function cifarFile(name: string, sha256: string): DatasetFile {
  return {
    file: `${name}.bin`,
    gzip: false,
    sha256,
    payloadBytes: 30730000,
    url: CIFAR_URL,
    member: `cifar-10-batches-bin/${name}.bin`,
  };
}

function npzFile(name: string, sha256: string, bytes: number): DatasetFile {
  return {
    file: `${name}.npz`,
    gzip: false,
    sha256,
    payloadBytes: bytes,
    url: `${ZENODO_URL}${name}.npz?download=1`,
  };
}

const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** The registry, by name. */
export const DATASETS: Readonly<Record<DatasetName, DatasetSpec>> = {
  "mnist": {
    name: "mnist",
    title: "MNIST",
    dir: "mnist",
    format: "idx",
    imageShape: [28, 28, 1],
    classNames: DIGITS,
    splits: { train: 60000, test: 10000 },
    files: idxFiles(MNIST_URL, [
      "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
    ]),
  },
  "fashion-mnist": {
    name: "fashion-mnist",
    title: "Fashion-MNIST",
    dir: "fashion-mnist",
    format: "idx",
    imageShape: [28, 28, 1],
    classNames: [
      "T-shirt/top",
      "Trouser",
      "Pullover",
      "Dress",
      "Coat",
      "Sandal",
      "Shirt",
      "Sneaker",
      "Bag",
      "Ankle boot",
    ],
    splits: { train: 60000, test: 10000 },
    files: idxFiles(FASHION_URL, [
      "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
      "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
      "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
      "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
    ]),
  },
  "cifar-10": {
    name: "cifar-10",
    title: "CIFAR-10",
    dir: "cifar-10",
    format: "cifar10",
    imageShape: [32, 32, 3],
    classNames: [
      "airplane",
      "automobile",
      "bird",
      "cat",
      "deer",
      "dog",
      "frog",
      "horse",
      "ship",
      "truck",
    ],
    splits: { train: 50000, test: 10000 },
    files: [
      cifarFile(
        "data_batch_1",
        "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5",
      ),
      cifarFile(
        "data_batch_2",
        "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed",
      ),
      cifarFile(
        "data_batch_3",
        "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67",
      ),
      cifarFile(
        "data_batch_4",
        "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48",
      ),
      cifarFile(
        "data_batch_5",
        "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add",
      ),
      cifarFile(
        "test_batch",
        "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b",
      ),
    ],
  },
  "pneumoniamnist": {
    name: "pneumoniamnist",
    title: "PneumoniaMNIST (MedMNIST v2, 28×28)",
    dir: "medmnist",
    format: "npz",
    imageShape: [28, 28, 1],
    classNames: ["normal", "pneumonia"],
    splits: { train: 4708, val: 524, test: 624 },
    files: [npzFile(
      "pneumoniamnist",
      "e1792d3f03751cb101e99f19a63b3c1941436c988665f47853417b05be250cd8",
      4170669,
    )],
  },
  "retinamnist": {
    name: "retinamnist",
    title: "RetinaMNIST (MedMNIST v2, 28×28)",
    dir: "medmnist",
    format: "npz",
    imageShape: [28, 28, 3],
    classNames: ["grade 0", "grade 1", "grade 2", "grade 3", "grade 4"],
    splits: { train: 1080, val: 120, test: 400 },
    files: [npzFile(
      "retinamnist",
      "254915f5f0a2074665c4676356824cf4ef4a3bcab233894b4bafcaf48962bd69",
      3291041,
    )],
  },
};

/**
 * Look a dataset up by name.
 *
 * @param name A registry name, e.g. `mnist`.
 * @returns Its registry entry.
 * @throws {UsageError} If no dataset has that name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { datasetSpec } from "./registry.ts";
 * assert.equal(datasetSpec("cifar-10").files.length, 6);
 * assert.throws(() => datasetSpec("svhn"), /Unknown dataset: expected one of/);
 * ```
 */
export function datasetSpec(name: string): DatasetSpec {
  if (!Object.hasOwn(DATASETS, name)) {
    throw new UsageError(
      `Unknown dataset: expected one of ${
        DATASET_NAMES.join(", ")
      }, got "${name}"`,
    );
  }
  return DATASETS[name as DatasetName];
}

/**
 * The command that fetches a dataset, for error messages.
 *
 * @param name A registry name.
 * @returns E.g. `deno task data:fetch mnist`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fetchCommand } from "./registry.ts";
 * assert.equal(fetchCommand("mnist"), "deno task data:fetch mnist");
 * ```
 */
export function fetchCommand(name: string): string {
  return `deno task data:fetch ${name}`;
}
