import * as fs from "node:fs";
import * as path from "node:path";

/** The variable that points the resolver at a binary of your own (a development build). */
export const BINARY_OVERRIDE_VARIABLE = "APPSERVER_BINARY";

/** `${process.platform}-${process.arch}` → the optional package that carries that binary. */
export const PLATFORM_PACKAGES: Readonly<Record<string, string>> = {
  "darwin-arm64": "codex-appserver-darwin-arm64",
  "darwin-x64": "codex-appserver-darwin-x64",
  "linux-arm64": "codex-appserver-linux-arm64",
  "linux-x64": "codex-appserver-linux-x64",
  "win32-arm64": "codex-appserver-win32-arm64",
  "win32-x64": "codex-appserver-win32-x64",
};

export type BinaryErrorCode =
  | "UNSUPPORTED_PLATFORM"
  | "PLATFORM_PACKAGE_MISSING"
  | "BINARY_MISSING"
  | "BINARY_NOT_EXECUTABLE";

/** Why no binary could be found; `code` tells the cases apart for code, `message` for people. */
export class AppServerBinaryError extends Error {
  constructor(
    readonly code: BinaryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AppServerBinaryError";
  }
}

export interface BinaryPathOptions {
  /** Default: `process.env` (read for {@link BINARY_OVERRIDE_VARIABLE}). */
  env?: NodeJS.ProcessEnv;
  /** Default: `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default: `process.arch`. */
  arch?: string;
  /** Folders to resolve the platform package from. Default: next to this package. */
  paths?: string[];
}

/**
 * The path of the appserver binary for this platform: `$APPSERVER_BINARY` when set, else
 * `bin/appserver` (`bin/appserver.exe` on Windows) of the installed `codex-appserver-<platform>-<arch>`.
 * @throws {AppServerBinaryError} when there is none, saying why and what to do.
 */
export function binaryPath(options: BinaryPathOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;

  const override = env[BINARY_OVERRIDE_VARIABLE];
  if (override) {
    return checkedBinary(path.resolve(override), platform, `from ${BINARY_OVERRIDE_VARIABLE}`);
  }

  const key = `${platform}-${arch}`;
  const packageName = PLATFORM_PACKAGES[key];
  if (packageName === undefined) {
    throw new AppServerBinaryError(
      "UNSUPPORTED_PLATFORM",
      `codex-appserver has no binary for ${key}; it ships for ${Object.keys(PLATFORM_PACKAGES).join(", ")}. ` +
        `Build appserver yourself and set ${BINARY_OVERRIDE_VARIABLE} to its path.`,
    );
  }

  let manifest: string;
  try {
    manifest = require.resolve(`${packageName}/package.json`, options.paths ? { paths: options.paths } : undefined);
  } catch {
    throw new AppServerBinaryError(
      "PLATFORM_PACKAGE_MISSING",
      `The package ${packageName}, which holds the appserver binary for ${key}, is not installed. ` +
        `It is an optional dependency of codex-appserver: reinstall without --omit=optional (or --no-optional), ` +
        `or set ${BINARY_OVERRIDE_VARIABLE}.`,
    );
  }

  const binary = path.join(path.dirname(manifest), "bin", platform === "win32" ? "appserver.exe" : "appserver");
  return checkedBinary(binary, platform, `from the installed ${packageName}`);
}

function checkedBinary(binary: string, platform: NodeJS.Platform, origin: string): string {
  const fail = (code: BinaryErrorCode, problem: string): never => {
    throw new AppServerBinaryError(code, `The appserver binary ${binary} (${origin}) ${problem}.`);
  };

  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(binary);
  } catch {
    fail("BINARY_MISSING", "does not exist");
  }

  if (!stat?.isFile()) {
    fail("BINARY_MISSING", "is not a file");
  }

  // Windows has no execute bit; elsewhere a binary unpacked without it cannot be started.
  if (platform !== "win32") {
    try {
      fs.accessSync(binary, fs.constants.X_OK);
    } catch {
      fail("BINARY_NOT_EXECUTABLE", "is not executable (chmod +x it)");
    }
  }

  return binary;
}
