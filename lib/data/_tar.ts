// A minimal ustar reader for the CIFAR-10 binary archive (not exported by mod.ts).
// Format: 512-byte headers (name at 0..100, octal size at 124..136, type flag at
// 156, ustar prefix at 345..500), each followed by the data padded to 512 bytes;
// two zero blocks end the archive. Long names come as a GNU "L" record or a
// pax "x" record ("<len> path=<name>\n") before the entry they name.

import { DatasetError } from "./dataset_error.ts";

const BLOCK = 512;
const decoder = new TextDecoder();

function field(header: Uint8Array, start: number, end: number): string {
  const raw = header.subarray(start, end);
  const nul = raw.indexOf(0);
  return decoder.decode(nul < 0 ? raw : raw.subarray(0, nul));
}

/**
 * The regular files of a tar archive by path, as views into `bytes`.
 * Directories and links are skipped.
 */
export function readTar(
  bytes: Uint8Array,
  file: string,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= bytes.length) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return files;
    const size = parseInt(field(header, 124, 136).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const prefix = field(header, 345, 500);
    const name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(
      header,
      0,
      100,
    );
    const start = offset + BLOCK;
    if (!Number.isFinite(size) || start + size > bytes.length) {
      throw new DatasetError(
        `Cannot read "${file}": expected ${size} bytes for tar member "${name}", got ${
          Math.max(0, bytes.length - start)
        }`,
      );
    }
    const data = bytes.subarray(start, start + size);
    if (type === "L") {
      longName = decoder.decode(data).replace(/\0+$/, "");
    } else if (type === "x") {
      longName =
        /(?:^|\n)\d+ path=([^\n]*)\n/.exec(decoder.decode(data))?.[1] ??
          longName;
    } else {
      if (type === "0") files.set(longName ?? name, data);
      longName = undefined;
    }
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
