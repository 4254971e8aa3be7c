import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as readline from "node:readline";
import {
  type CancellationToken,
  type Disposable,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
} from "vscode-jsonrpc/node";
import { binaryPath } from "./binary";
import type { ClientInfo, InitializeCapabilities, InitializeResponse } from "./generated/AppServerProtocol";
import {
  type RequestTypes,
  type ServerNotificationTypes,
  requestMethodNames,
  serverNotificationNames,
} from "./generated/methods";

export type RequestMethod = keyof RequestTypes;
export type ParamsOf<M extends RequestMethod> = RequestTypes[M]["params"];
export type ResultOf<M extends RequestMethod> = RequestTypes[M]["result"];
export type NotificationMethod = keyof ServerNotificationTypes;
export type NotificationHandler<M extends NotificationMethod> = (params: ServerNotificationTypes[M]) => void;

/** Params (optional where the protocol lets them be left out), then an optional cancellation token. */
export type RequestArgs<M extends RequestMethod> = undefined extends ParamsOf<M>
  ? [params?: ParamsOf<M>, token?: CancellationToken]
  : [params: ParamsOf<M>, token?: CancellationToken];

/** One method per request except `initialize` (done by {@link spawnAppServer}): `getAuthStatus(params)`, `accountLoginStart(params)`, … */
export type RequestApi = {
  [M in Exclude<RequestMethod, "initialize"> as (typeof requestMethodNames)[M]]: (...args: RequestArgs<M>) => Promise<ResultOf<M>>;
};

/** One subscription per server notification: `onAccountUpdated(handler)`, `onAuthStatusChange(handler)`, … */
export type NotificationApi = {
  [M in NotificationMethod as `on${Capitalize<(typeof serverNotificationNames)[M]>}`]: (handler: NotificationHandler<M>) => Disposable;
};

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  error?: Error;
}

export interface SpawnOptions {
  /** Sent in `initialize`; the server builds its User-Agent from it. */
  clientInfo: ClientInfo;
  capabilities?: InitializeCapabilities;
  /** The executable. Default: {@link binaryPath} (honours `APPSERVER_BINARY`). */
  binary?: string;
  /** The server's CODEX_HOME. Default: whatever the environment says (else ~/.codex). */
  codexHome?: string;
  /** Added to `process.env` for the server; a key set to `undefined` is removed. */
  env?: NodeJS.ProcessEnv;
  /** Extra arguments after `--parent-pid <pid>`, e.g. `["--log-level", "debug"]`. */
  args?: string[];
  /** Each line the server writes to stderr (its log; never secrets). Default: dropped. */
  onStderr?: (line: string) => void;
  /** Bound on starting and initializing, in ms. Default 20000. */
  startTimeoutMs?: number;
  /** How long {@link AppServerConnection.dispose} waits after closing stdin before it kills the server, in ms. Default 5000. */
  disposeTimeoutMs?: number;
}

export interface AppServerConnection extends RequestApi, NotificationApi {
  /** What `initialize` answered. */
  readonly initializeResult: InitializeResponse;
  readonly process: ChildProcessWithoutNullStreams;
  /**
   * The vscode-jsonrpc connection, for anything the typed methods do not cover. Subscribe through
   * `on`: vscode-jsonrpc keeps one handler per method, so its `onNotification` would replace ours.
   */
  readonly rpc: MessageConnection;
  /** Settles when the server process has exited. */
  readonly exited: Promise<ExitInfo>;
  request<M extends RequestMethod>(method: M, ...args: RequestArgs<M>): Promise<ResultOf<M>>;
  on<M extends NotificationMethod>(method: M, handler: NotificationHandler<M>): Disposable;
  /** Closes stdin, waits for the exit (bounded), then kills. Safe to call more than once. */
  dispose(): Promise<ExitInfo>;
}

/** Every request method and every server notification method, at run time. */
export const requestMethods = Object.keys(requestMethodNames) as RequestMethod[];
export const notificationMethods = Object.keys(serverNotificationNames) as NotificationMethod[];

const STDERR_LINES_KEPT = 20;

/**
 * Starts appserver over stdio (Content-Length framing, which it detects), watching this process
 * (`--parent-pid`) so it exits with the extension host, and performs `initialize`.
 * @throws when the binary cannot be found or the server does not start and initialize in time.
 */
export async function spawnAppServer(options: SpawnOptions): Promise<AppServerConnection> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.codexHome !== undefined) {
    env.CODEX_HOME = options.codexHome;
  }

  const binary = options.binary ?? binaryPath({ env });
  const child = spawn(binary, ["--parent-pid", String(process.pid), ...(options.args ?? [])], {
    env,
    stdio: "pipe",
    windowsHide: true,
  });
  const connection = new Connection(child, options);
  try {
    const result = await connection.start(options, options.startTimeoutMs ?? 20_000);
    return Object.assign(connection, { initializeResult: result }) as unknown as AppServerConnection;
  } catch (error) {
    const exit = await connection.dispose();
    const reason = exit.error?.message ?? (error instanceof Error ? error.message : String(error));
    const stderr = connection.recentStderr.length > 0 ? `; its last stderr lines:\n${connection.recentStderr.join("\n")}` : "";
    throw new Error(`appserver (${binary}) did not start: ${reason}${stderr}`, { cause: error });
  }
}

class Connection {
  readonly process: ChildProcessWithoutNullStreams;
  readonly rpc: MessageConnection;
  readonly exited: Promise<ExitInfo>;
  readonly recentStderr: string[] = [];
  private readonly handlers = new Map<string, Set<(params: never) => void>>();
  private readonly stderrLines: readline.Interface;
  private readonly disposeTimeoutMs: number;
  private disposing: Promise<ExitInfo> | undefined;

  constructor(child: ChildProcessWithoutNullStreams, options: SpawnOptions) {
    this.process = child;
    this.disposeTimeoutMs = options.disposeTimeoutMs ?? 5_000;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => resolve({ code, signal }));
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
    });
    // A write after the server is gone fails with EPIPE; the exit says what happened.
    child.stdin.on("error", () => {});

    this.stderrLines = readline.createInterface({ input: child.stderr, crlfDelay: Infinity });
    this.stderrLines.on("line", (line) => {
      this.recentStderr.push(line);
      if (this.recentStderr.length > STDERR_LINES_KEPT) {
        this.recentStderr.shift();
      }
      options.onStderr?.(line);
    });

    this.rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    // vscode-jsonrpc keeps one handler per method; this fan-out lets any number subscribe. A
    // handler that throws does not keep the others from running; vscode-jsonrpc logs the first error.
    this.rpc.onNotification((method, params) => {
      const failures: unknown[] = [];
      for (const handler of [...(this.handlers.get(method) ?? [])]) {
        try {
          handler(params as never);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) {
        throw failures[0];
      }
    });
    this.rpc.listen();

    for (const [method, name] of Object.entries(requestMethodNames)) {
      if (method !== "initialize") {
        Object.defineProperty(this, name, { value: (...args: unknown[]) => this.send(method, args) });
      }
    }
    for (const [method, name] of Object.entries(serverNotificationNames)) {
      const on = `on${name[0]!.toUpperCase()}${name.slice(1)}`;
      Object.defineProperty(this, on, { value: (handler: (params: never) => void) => this.subscribe(method, handler) });
    }
  }

  async start(options: SpawnOptions, timeoutMs: number): Promise<InitializeResponse> {
    const params = { clientInfo: options.clientInfo, capabilities: options.capabilities ?? null };
    const ended = this.exited.then((exit) => {
      throw new Error(exit.error?.message ?? `it exited with ${exit.signal ?? `code ${exit.code}`} before answering initialize`);
    });
    const result = await within(
      Promise.race([this.request("initialize", params), ended]),
      timeoutMs,
      `no answer to initialize within ${timeoutMs} ms`,
    );
    await this.rpc.sendNotification("initialized");
    return result;
  }

  request<M extends RequestMethod>(method: M, ...args: RequestArgs<M>): Promise<ResultOf<M>> {
    return this.send(method, args) as Promise<ResultOf<M>>;
  }

  on<M extends NotificationMethod>(method: M, handler: NotificationHandler<M>): Disposable {
    return this.subscribe(method, handler);
  }

  dispose(): Promise<ExitInfo> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  // async: vscode-jsonrpc throws synchronously once disposed; callers get a rejection instead.
  private async send(method: string, [params, token]: unknown[]): Promise<unknown> {
    // Omitted params stay omitted on the wire (no "params": null).
    const args: unknown[] = params === undefined ? [] : [params];
    return token === undefined ? this.rpc.sendRequest(method, ...args) : this.rpc.sendRequest(method, ...args, token as CancellationToken);
  }

  private subscribe(method: string, handler: (params: never) => void): Disposable {
    let set = this.handlers.get(method);
    if (set === undefined) {
      set = new Set();
      this.handlers.set(method, set);
    }
    set.add(handler);
    return { dispose: () => set.delete(handler) };
  }

  private async shutdown(): Promise<ExitInfo> {
    this.rpc.dispose();
    // Closing stdin is the server's signal to finish and exit 0.
    this.process.stdin.end();
    let exit = await within(this.exited, this.disposeTimeoutMs).catch(() => undefined);
    if (exit === undefined) {
      this.process.kill("SIGKILL");
      exit = await this.exited;
    }
    // Nothing may keep the extension host (or a test runner) alive after this.
    this.stderrLines.close();
    this.process.stdout.destroy();
    this.process.stderr.destroy();
    return exit;
  }
}

/** `promise`, or a rejection after `ms` (the timer never outlives the race). */
function within<T>(promise: Promise<T>, ms: number, what = `timed out after ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
