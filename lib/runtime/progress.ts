/**
 * Progress display for long loops: a self-updating line on a terminal, a plain
 * line every few seconds otherwise (CI logs, files), always with the rate.
 *
 * @module
 */

/** Options of {@linkcode createProgress}. */
export interface ProgressOptions {
  /** Number of units the loop will process. */
  total: number;
  /** Unit name shown in the rate, e.g. `images`. @default {"it"} */
  unit?: string;
  /** Seconds between plain lines when not on a terminal. @default {10} */
  intervalS?: number;
  /** Where to write; `null` silences the display (tests). @default {Deno.stderr} */
  writer?: { writeSync(p: Uint8Array): number; isTerminal(): boolean } | null;
}

/** A running progress display. */
export interface Progress {
  /** Add `n` finished units (default 1) and optionally replace the trailing info text. */
  tick(n?: number, info?: string): void;
  /** Print the final line. */
  done(info?: string): void;
}

function formatRate(rate: number): string {
  return rate >= 100
    ? rate.toFixed(0)
    : rate >= 1
    ? rate.toFixed(1)
    : rate.toPrecision(2);
}

/**
 * Start a progress display.
 *
 * @param label What is running, e.g. `qdrop mnist-3v6 baseline seed 0`.
 * @param options Total, unit and output.
 * @returns The display; call `tick` as work finishes and `done` at the end.
 *
 * @example A final line with the rate, written to any writer
 * ```ts
 * import assert from "node:assert/strict";
 * import { createProgress } from "./progress.ts";
 * const lines: string[] = [];
 * const writer = {
 *   isTerminal: () => false,
 *   writeSync: (p: Uint8Array) => lines.push(new TextDecoder().decode(p)),
 * };
 * const p = createProgress("epoch 1", { total: 10, unit: "images", writer });
 * p.tick(10);
 * p.done();
 * assert.match(lines.at(-1)!, /^epoch 1 100% 10\/10 \S+ images\/s/);
 * ```
 */
export function createProgress(
  label: string,
  options: ProgressOptions,
): Progress {
  const { total, unit = "it", intervalS = 10 } = options;
  const writer = options.writer === undefined ? Deno.stderr : options.writer;
  const tty = writer?.isTerminal() ?? false;
  const encoder = new TextEncoder();
  const start = performance.now();
  let count = 0;
  let info = "";
  let lastDraw = 0;
  const line = () => {
    const s = (performance.now() - start) / 1000;
    const pct = total > 0
      ? ((100 * count) / total).toFixed(0).padStart(3)
      : "  ?";
    const rate = s > 0 ? `${formatRate(count / s)} ${unit}/s` : "";
    return `${label} ${pct}% ${count}/${total} ${rate} ${s.toFixed(1)}s${
      info ? ` ${info}` : ""
    }`;
  };
  const draw = (final: boolean) => {
    if (!writer) return;
    const now = performance.now();
    if (tty) {
      if (!final && now - lastDraw < 100) return;
      writer.writeSync(
        encoder.encode(`\r\x1b[2K${line()}${final ? "\n" : ""}`),
      );
    } else {
      if (!final && now - lastDraw < intervalS * 1000) return;
      writer.writeSync(encoder.encode(`${line()}\n`));
    }
    lastDraw = now;
  };
  lastDraw = tty ? 0 : start;
  return {
    tick(n = 1, text?: string) {
      count += n;
      if (text !== undefined) info = text;
      draw(false);
    },
    done(text?: string) {
      if (text !== undefined) info = text;
      draw(true);
    },
  };
}
