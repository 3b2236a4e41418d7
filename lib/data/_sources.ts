// Where fetchDataset gets payloads: a canonical download or a mirror folder
// (not exported by mod.ts). Each returns, per registry file, the bytes to store.

import { basename, join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  createProgress,
  type ProgressOptions,
  UsageError,
} from "../runtime/mod.ts";
import {
  gunzip,
  isGzip,
  payloadOf,
  readIfExists,
  sha256Hex,
} from "./_bytes.ts";
import { readTar } from "./_tar.ts";
import { DatasetError } from "./dataset_error.ts";
import {
  type DatasetFile,
  type DatasetSpec,
  fetchCommand,
} from "./registry.ts";

/** How to report progress and where to fetch from. */
export interface SourceOptions {
  fetchFn: typeof fetch;
  writer: ProgressOptions["writer"];
}

/** Check a payload against the registry, naming `source` on mismatch. */
export async function verifyPayload(
  payload: Uint8Array,
  file: DatasetFile,
  source: string,
): Promise<void> {
  if (payload.length !== file.payloadBytes) {
    throw new DatasetError(
      `Cannot verify "${source}": expected ${file.payloadBytes} payload bytes, got ${payload.length}`,
    );
  }
  const sha = await sha256Hex(payload);
  if (sha !== file.sha256) {
    throw new DatasetError(
      `Cannot verify "${source}": expected sha256 ${file.sha256}, got ${sha}`,
    );
  }
}

/** The bytes to store for `file` given its verified payload and the source bytes. */
function storedBytes(
  file: DatasetFile,
  source: Uint8Array,
  payload: Uint8Array,
): Uint8Array {
  if (!file.gzip) return payload;
  return isGzip(source) ? source : new Uint8Array(gzipSync(payload));
}

async function download(
  url: string,
  spec: DatasetSpec,
  options: SourceOptions,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await options.fetchFn(url);
  } catch (err) {
    const denied = err instanceof Deno.errors.NotCapable ||
      err instanceof Deno.errors.PermissionDenied;
    throw new DatasetError(
      denied
        ? `Cannot download "${url}": network access to ${
          new URL(url).host
        } is not permitted; run "${fetchCommand(spec.name)}"`
        : `Cannot download "${url}": ${
          (err as Error).message
        }; import it from a mirror instead with "${
          fetchCommand(spec.name)
        } --from DIR"`,
      { cause: err },
    );
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new DatasetError(
      `Cannot download "${url}": expected HTTP 200, got ${response.status} ${response.statusText}`,
    );
  }
  const total = Number(response.headers.get("content-length") ?? 0);
  const progress = createProgress(
    `${spec.name} ${basename(new URL(url).pathname)}`,
    {
      total,
      unit: "B",
      writer: options.writer,
    },
  );
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    size += chunk.length;
    progress.tick(chunk.length);
  }
  progress.done();
  if (total > 0 && size !== total) {
    throw new DatasetError(
      `Cannot download "${url}": expected ${total} bytes, got ${size}`,
    );
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Download every file of `spec` from its canonical address and verify it. */
export async function fromDownload(
  spec: DatasetSpec,
  options: SourceOptions,
): Promise<Map<DatasetFile, Uint8Array>> {
  const out = new Map<DatasetFile, Uint8Array>();
  const archives = new Map<string, Map<string, Uint8Array>>();
  for (const file of spec.files) {
    if (file.member === undefined) {
      const bytes = await download(file.url, spec, options);
      const payload = payloadOf(bytes, file.url);
      await verifyPayload(payload, file, file.url);
      out.set(file, storedBytes(file, bytes, payload));
      continue;
    }
    let members = archives.get(file.url);
    if (members === undefined) {
      const archive = await download(file.url, spec, options);
      members = readTar(gunzip(archive, file.url), file.url);
      archives.set(file.url, members);
    }
    const payload = members.get(file.member);
    if (payload === undefined) {
      throw new DatasetError(
        `Cannot read "${file.url}": expected a member "${file.member}", got none`,
      );
    }
    await verifyPayload(payload, file, `${file.url}:${file.member}`);
    out.set(file, storedBytes(file, payload, payload));
  }
  return out;
}

/** The mirror's copy of `file`: `<dir>/<name>` or `<dir>/<name>.gz`, name without `.gz`. */
async function readMirrorFile(
  from: string,
  spec: DatasetSpec,
  file: DatasetFile,
): Promise<[Uint8Array, string]> {
  const base = join(from, spec.dir, file.file.replace(/\.gz$/, ""));
  for (const path of [base, `${base}.gz`]) {
    const bytes = await readIfExists(path);
    if (bytes !== undefined) return [bytes, path];
  }
  throw new DatasetError(
    `Cannot import "${spec.name}" from mirror "${from}": expected "${base}" or "${base}.gz", got neither`,
  );
}

/** Fail with the permission to add when this process may not read `from`. */
export function checkMirrorReadable(from: string): void {
  const status = Deno.permissions.querySync({ name: "read", path: from });
  if (status.state !== "granted") {
    throw new UsageError(
      `Cannot read mirror "--from ${from}": this task may read only the repository and ../shared/data; for another folder run "deno run --allow-read=.,${from} --allow-write=data lib/data/cli.ts --from ${from}"`,
    );
  }
}

/** Read every file of `spec` from a mirror folder laid out like `../shared/data`, and verify it. */
export async function fromMirror(
  spec: DatasetSpec,
  from: string,
): Promise<Map<DatasetFile, Uint8Array>> {
  checkMirrorReadable(from);
  const info = await Deno.stat(from).catch(() => undefined);
  if (!info?.isDirectory) {
    throw new DatasetError(
      `Cannot import "${spec.name}" from mirror "${from}": expected a folder, got ${
        info ? "a file" : "nothing"
      }`,
    );
  }
  const out = new Map<DatasetFile, Uint8Array>();
  for (const file of spec.files) {
    const [bytes, path] = await readMirrorFile(from, spec, file);
    const payload = payloadOf(bytes, path);
    await verifyPayload(payload, file, path);
    out.set(file, storedBytes(file, bytes, payload));
  }
  return out;
}
