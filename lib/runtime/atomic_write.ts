/**
 * Atomic file writes: write a temporary file beside the target, then rename it,
 * so a reader (or a resumed run) never sees a half-written file.
 *
 * @module
 */

import { dirname } from "node:path";

/**
 * Write `data` to `path` atomically, creating parent directories.
 *
 * @param path Target file.
 * @param data Bytes or UTF-8 text.
 * @returns Resolves once the file is in place.
 * @throws {Deno.errors.PermissionDenied} If the task may not write there.
 *
 * @example Write and read back
 * ```ts ignore
 * import { writeFileAtomic } from "./atomic_write.ts";
 * await writeFileAtomic("reports/x/hello.txt", "hi");
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

/**
 * Write `value` as pretty-printed JSON (two-space indent, final newline) atomically.
 *
 * @param path Target file.
 * @param value Any JSON-serialisable value.
 * @returns Resolves once the file is in place.
 *
 * @example
 * ```ts ignore
 * import { writeJsonAtomic } from "./atomic_write.ts";
 * await writeJsonAtomic("reports/x/cell.json", { acc: 0.9 });
 * ```
 */
export async function writeJsonAtomic(
  path: string,
  value: unknown,
): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}
