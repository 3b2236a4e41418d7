/**
 * What `reproduce:*` tasks call before loading data: fetch each missing
 * dataset on first use, or fail with one line naming it and the fetch command.
 *
 * @module
 */

import { join } from "node:path";
import type { ProgressOptions } from "../runtime/mod.ts";
import { DatasetError } from "./dataset_error.ts";
import { fetchDataset } from "./fetch_dataset.ts";
import { type DatasetSpec, datasetSpec, fetchCommand } from "./registry.ts";

/** Options of {@linkcode ensureDatasets}. */
export interface EnsureDatasetsOptions {
  /** Folder holding the datasets. @default {"data"} */
  dataDir?: string;
  /**
   * Whether downloading is allowed. @default true when this process has
   * network permission for every host the dataset comes from
   */
  allowDownload?: boolean;
  /** The fetch function (tests pass a fake). @default {globalThis.fetch} */
  fetchFn?: typeof fetch;
  /** Where status lines go. @default {console.error} */
  log?: (line: string) => void;
  /** Progress output; `null` silences it. @default {Deno.stderr} */
  writer?: ProgressOptions["writer"];
}

async function isPresent(spec: DatasetSpec, dataDir: string): Promise<boolean> {
  for (const f of spec.files) {
    const info = await Deno.stat(join(dataDir, spec.dir, f.file)).catch(() =>
      undefined
    );
    if (!info?.isFile) return false;
  }
  return true;
}

function netGranted(spec: DatasetSpec): boolean {
  return spec.files.every((f) =>
    Deno.permissions.querySync({ name: "net", host: new URL(f.url).host })
      .state === "granted"
  );
}

/**
 * Make sure each named dataset is under `dataDir`, downloading the missing
 * ones (and saying so) when the network is permitted. Present files are not
 * re-hashed here; loaders check their structure and `data:fetch` verifies
 * checksums.
 *
 * @param names Registry names, e.g. `["mnist"]`.
 * @param options Data folder, download permission, fetch function, output.
 * @returns The names that had to be fetched.
 * @throws {UsageError} For an unknown name.
 * @throws {DatasetError} When a dataset is missing and may not be downloaded
 * (one line with the fetch command), or its download fails.
 *
 * @example Missing and no network
 * ```ts
 * import assert from "node:assert/strict";
 * import { ensureDatasets } from "./ensure_datasets.ts";
 * await assert.rejects(
 *   ensureDatasets(["retinamnist"], { dataDir: "/nonexistent", allowDownload: false }),
 *   /Dataset "retinamnist" is missing .*run "deno task data:fetch retinamnist"/,
 * );
 * ```
 */
export async function ensureDatasets(
  names: readonly string[],
  options: EnsureDatasetsOptions = {},
): Promise<string[]> {
  const {
    dataDir = "data",
    allowDownload,
    fetchFn,
    log = (line: string) => console.error(line),
    writer,
  } = options;
  const fetched: string[] = [];
  for (const spec of names.map((n) => datasetSpec(n))) {
    if (await isPresent(spec, dataDir)) continue;
    const where = join(dataDir, spec.dir);
    if (!(allowDownload ?? netGranted(spec))) {
      throw new DatasetError(
        `Dataset "${spec.name}" is missing from "${where}" and this task may not download it: run "${
          fetchCommand(spec.name)
        }" (add "--from DIR" to import it from a mirror such as ../shared/data)`,
      );
    }
    log(
      `Dataset "${spec.name}" is missing from "${where}": fetching it from ${
        new URL(spec.files[0].url).host
      }`,
    );
    await fetchDataset(spec.name, { dataDir, fetchFn, writer });
    fetched.push(spec.name);
  }
  return fetched;
}
