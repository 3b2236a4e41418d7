// Private test helper: drive headless Chromium over the DevTools protocol (CDP)
// with Deno's WebSocket, no npm dependency. Chromium is started with
// --remote-debugging-port=0 and prints its browser endpoint on stderr.

/** Flags that keep Chromium off the network and away from user state. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--remote-debugging-port=0",
];

type Json = Record<string, unknown>;

/** What a loaded page reported. */
export interface PageVisit {
  /** Console errors, uncaught exceptions and error log entries. */
  errors: string[];
  /** URLs requested that are neither file: nor data: (should be none offline). */
  networkRequests: string[];
}

/** A running headless Chromium with one attached page session. */
export class Chromium {
  #child: Deno.ChildProcess;
  #ws: WebSocket;
  #stderrDone: Promise<string>;
  #nextId = 1;
  #pending = new Map<
    number,
    { resolve: (v: Json) => void; reject: (e: Error) => void }
  >();
  #listeners: ((method: string, params: Json) => void)[] = [];
  #session = "";

  private constructor(
    child: Deno.ChildProcess,
    ws: WebSocket,
    stderrDone: Promise<string>,
  ) {
    this.#child = child;
    this.#ws = ws;
    this.#stderrDone = stderrDone;
    ws.onmessage = (ev) => {
      const msg = JSON.parse(ev.data as string);
      if (typeof msg.id === "number") {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.error) {
          p?.reject(new Error(`CDP error: ${JSON.stringify(msg.error)}`));
        } else p?.resolve(msg.result ?? {});
      } else if (msg.method) {
        for (const l of this.#listeners) l(msg.method, msg.params ?? {});
      }
    };
  }

  /** Start Chromium at `path` with a fresh profile in `userDataDir`, attach a page. */
  static async launch(path: string, userDataDir: string): Promise<Chromium> {
    const child = new Deno.Command(path, {
      args: [
        ...CHROMIUM_FLAGS,
        `--user-data-dir=${userDataDir}`,
        "about:blank",
      ],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const reader = child.stderr.pipeThrough(new TextDecoderStream())
      .getReader();
    let log = "";
    let endpoint: string | null = null;
    const deadline = Date.now() + 30_000;
    while (endpoint === null) {
      const timeout = new Promise<"timeout">((r) =>
        setTimeout(() => r("timeout"), Math.max(0, deadline - Date.now()))
      );
      const next = await Promise.race([reader.read(), timeout]);
      if (next === "timeout" || next.done) {
        child.kill("SIGKILL");
        await reader.cancel();
        await child.status;
        throw new Error(
          `Cannot start Chromium: no DevTools endpoint within 30 s; stderr:\n${log}`,
        );
      }
      log += next.value;
      endpoint = /DevTools listening on (ws:\/\/\S+)/.exec(log)?.[1] ?? null;
    }
    // Keep draining stderr so Chromium never blocks on a full pipe.
    const stderrDone = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return log;
        log += value;
      }
    })();
    const ws = new WebSocket(endpoint);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () =>
        reject(new Error(`Cannot connect to Chromium DevTools at ${endpoint}`));
    });
    const browser = new Chromium(child, ws, stderrDone);
    const { targetId } = await browser.send("Target.createTarget", {
      url: "about:blank",
    });
    const { sessionId } = await browser.send("Target.attachToTarget", {
      targetId,
      flatten: true,
    });
    browser.#session = sessionId as string;
    for (const domain of ["Page", "Runtime", "Log", "Network"]) {
      await browser.send(`${domain}.enable`, {}, true);
    }
    return browser;
  }

  /** Send a CDP command to the browser, or to the attached page when `onPage`. */
  send(method: string, params: Json = {}, onPage = false): Promise<Json> {
    const id = this.#nextId++;
    const msg: Json = { id, method, params };
    if (onPage) msg.sessionId = this.#session;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#ws.send(JSON.stringify(msg));
    });
  }

  /** Navigate the page to `url`, wait for its load event, and collect errors and requests. */
  async visit(url: string): Promise<PageVisit> {
    const visit: PageVisit = { errors: [], networkRequests: [] };
    let loaded!: () => void;
    const load = new Promise<void>((r) => (loaded = r));
    const listener = (method: string, params: Json) => {
      if (method === "Page.loadEventFired") loaded();
      if (
        method === "Runtime.consoleAPICalled" &&
        (params.type === "error" || params.type === "assert")
      ) {
        visit.errors.push(
          `console.${params.type}: ${JSON.stringify(params.args)}`,
        );
      }
      if (method === "Runtime.exceptionThrown") {
        visit.errors.push(
          `exception: ${JSON.stringify(params.exceptionDetails)}`,
        );
      }
      if (method === "Log.entryAdded") {
        const entry = params.entry as {
          level: string;
          text: string;
          url?: string;
        };
        if (entry.level === "error") {
          visit.errors.push(`log: ${entry.text} ${entry.url ?? ""}`);
        }
      }
      if (method === "Network.requestWillBeSent") {
        const u = (params.request as { url: string }).url;
        if (!u.startsWith("file:") && !u.startsWith("data:")) {
          visit.networkRequests.push(u);
        }
      }
    };
    this.#listeners.push(listener);
    try {
      await this.send("Page.navigate", { url }, true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        load,
        new Promise((
          _,
          reject,
        ) => (timer = setTimeout(
          () => reject(new Error(`Page did not load: ${url}`)),
          30_000,
        ))),
      ]).finally(() => clearTimeout(timer));
      // Let late console messages arrive.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    }
    return visit;
  }

  /** Evaluate an expression in the page and return its JSON value. */
  async evaluate(expression: string): Promise<unknown> {
    const r = await this.send("Runtime.evaluate", {
      expression,
      returnByValue: true,
    }, true);
    return (r.result as { value: unknown }).value;
  }

  /** A full-page PNG screenshot. */
  async screenshot(): Promise<Uint8Array> {
    const r = await this.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
    }, true);
    return Uint8Array.from(atob(r.data as string), (c) => c.charCodeAt(0));
  }

  /** Close the connection and end the process. */
  async close(): Promise<void> {
    const closed = new Promise<void>((r) => {
      if (this.#ws.readyState === WebSocket.CLOSED) r();
      else this.#ws.onclose = () => r();
    });
    this.#ws.close();
    await closed;
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await this.#child.status;
    await this.#stderrDone;
  }
}
