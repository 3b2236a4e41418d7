/**
 * Fetch a dataset into `data/`: verify what is there, else download it from
 * its canonical address (or import it from a mirror folder), check every
 * payload's SHA-256, and only then write the files, each atomically.
 *
 * @module
 */

import { join } from "node:path";
import { type ProgressOptions, writeFileAtomic } from "../runtime/mod.ts";
import { payloadOf, readIfExists, sha256Hex } from "./_bytes.ts";
import { checkMirrorReadable, fromDownload, fromMirror } from "./_sources.ts";
import { DatasetError } from "./dataset_error.ts";
import { datasetSpec } from "./registry.ts";

/** Options of {@linkcode fetchDataset}. */
export interface FetchDatasetOptions {
  /** Folder holding the datasets. @default {"data"} */
  dataDir?: string;
  /** Mirror folder laid out like `../shared/data`; download when absent. */
  from?: string;
  /** The fetch function (tests pass a fake). @default {globalThis.fetch} */
  fetchFn?: typeof fetch;
  /** Progress output; `null` silences it. @default {Deno.stderr} */
  writer?: ProgressOptions["writer"];
}

/** Options of {@linkcode isDatasetIntact}. */
export interface IsDatasetIntactOptions {
  /** Folder holding the datasets. @default {"data"} */
  dataDir?: string;
}

/** What {@linkcode fetchDataset} did. */
export interface FetchDatasetResult {
  /** `present`: already there and verified; `download` or `mirror`: written. */
  source: "present" | "download" | "mirror";
  /** Paths of the dataset's files under the data folder. */
  paths: string[];
}

/**
 * True when every file of the dataset exists under `dataDir` and its payload
 * matches the registry checksum.
 *
 * @param name A registry name.
 * @param options Data folder.
 * @returns Whether the local copy is complete and intact.
 * @throws {UsageError} For an unknown name.
 *
 * @example Nothing there yet
 * ```ts
 * import assert from "node:assert/strict";
 * import { isDatasetIntact } from "./fetch_dataset.ts";
 * assert.equal(await isDatasetIntact("mnist", { dataDir: "/nonexistent" }), false);
 * ```
 */
export async function isDatasetIntact(
  name: string,
  options: IsDatasetIntactOptions = {},
): Promise<boolean> {
  const { dataDir = "data" } = options;
  const spec = datasetSpec(name);
  for (const file of spec.files) {
    const path = join(dataDir, spec.dir, file.file);
    const bytes = await readIfExists(path);
    if (bytes === undefined) return false;
    let payload: Uint8Array;
    try {
      payload = payloadOf(bytes, path);
    } catch (err) {
      if (err instanceof DatasetError) return false;
      throw err;
    }
    if (
      payload.length !== file.payloadBytes ||
      await sha256Hex(payload) !== file.sha256
    ) return false;
  }
  return true;
}

/**
 * Make a dataset present and verified under `dataDir`. Nothing is written
 * unless every file of the dataset verified.
 *
 * @param name A registry name.
 * @param options Data folder, mirror folder, fetch function, progress output.
 * @returns Where the files came from and their paths.
 * @throws {UsageError} For an unknown name or an unreadable mirror folder.
 * @throws {DatasetError} If a download fails, a mirror file is missing, or a
 * payload is truncated or has the wrong checksum (naming the file).
 *
 * @example Import from the shared mirror (needs read access to it)
 * ```ts ignore
 * import { fetchDataset } from "./fetch_dataset.ts";
 * await fetchDataset("retinamnist", { from: "../shared/data" });
 * ```
 */
export async function fetchDataset(
  name: string,
  options: FetchDatasetOptions = {},
): Promise<FetchDatasetResult> {
  const {
    dataDir = "data",
    from,
    fetchFn = globalThis.fetch,
    writer,
  } = options;
  const spec = datasetSpec(name);
  const paths = spec.files.map((f) => join(dataDir, spec.dir, f.file));
  if (from !== undefined) checkMirrorReadable(from);
  if (await isDatasetIntact(name, { dataDir })) {
    return { source: "present", paths };
  }
  const stored = from === undefined
    ? await fromDownload(spec, { fetchFn, writer })
    : await fromMirror(spec, from);
  for (const [i, file] of spec.files.entries()) {
    await writeFileAtomic(paths[i], stored.get(file)!);
  }
  return { source: from === undefined ? "download" : "mirror", paths };
}
