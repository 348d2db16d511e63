// Where the `corroborate` executable is, from the `corroborate.server.path` setting. Kept
// free of the vscode API so the unit tests can run it under plain Node.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const DEFAULT_COMMAND = "corroborate";

export type Resolution =
  | { kind: "found"; path: string }
  | { kind: "missing"; setting: string; looked: string[]; reason: string };

export interface Environment {
  pathVariable: string | undefined;
  platform: NodeJS.Platform;
  home: string;
  /** The first workspace folder, for a relative setting such as `target/debug/corroborate`. */
  workspaceFolder: string | undefined;
  isExecutable(file: string): boolean;
}

export function nodeEnvironment(workspaceFolder: string | undefined): Environment {
  return {
    pathVariable: process.env.PATH,
    platform: process.platform,
    home: os.homedir(),
    workspaceFolder,
    isExecutable,
  };
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, process.platform === "win32" ? fs.constants.F_OK : fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A bare name (no separator) is looked up on PATH like a shell would, then in ~/.cargo/bin;
 * anything else is a
 * file path: `~` is the home folder, a relative path is taken from the first workspace
 * folder (or the current folder when there is none).
 */
export function resolveServer(setting: string | undefined, env: Environment): Resolution {
  const wanted = (setting ?? "").trim() || DEFAULT_COMMAND;
  const windows = env.platform === "win32";
  const separators = windows ? /[\\/]/ : /\//;
  const suffixes = windows && !/\.[a-z0-9]+$/i.test(wanted) ? ["", ".exe", ".cmd"] : [""];
  const looked: string[] = [];
  const tryFile = (file: string): Resolution | undefined => {
    for (const suffix of suffixes) {
      looked.push(file + suffix);
      if (env.isExecutable(file + suffix)) {
        return { kind: "found", path: file + suffix };
      }
    }
    return undefined;
  };

  if (!separators.test(wanted) && wanted !== "~") {
    const dirs = (env.pathVariable ?? "").split(windows ? ";" : ":").filter((d) => d !== "");
    // Then where `cargo install` puts it, for an editor started without the shell's PATH.
    for (const dir of [...dirs, path.join(env.home, ".cargo", "bin")]) {
      const hit = tryFile(path.join(dir, wanted));
      if (hit) {
        return hit;
      }
    }
    return {
      kind: "missing",
      setting: wanted,
      looked,
      reason: `\`${wanted}\` is not on PATH${dirs.length === 0 ? " (PATH is empty)" : ""} nor in ~/.cargo/bin`,
    };
  }

  let file = wanted;
  if (file === "~" || file.startsWith("~/") || (windows && file.startsWith("~\\"))) {
    file = path.join(env.home, file.slice(1));
  } else if (!path.isAbsolute(file)) {
    file = path.resolve(env.workspaceFolder ?? process.cwd(), file);
  }
  return (
    tryFile(file) ?? {
      kind: "missing",
      setting: wanted,
      looked,
      reason: `${file} does not exist or is not an executable file`,
    }
  );
}

/** What the user reads when the server cannot be started, with what to do about it. */
export function missingServerMessage(missing: Extract<Resolution, { kind: "missing" }>): string {
  const where =
    missing.setting === DEFAULT_COMMAND
      ? "the `corroborate` language server was not found on PATH (nor in ~/.cargo/bin)"
      : `the language server was not found: ${missing.reason}`;
  return (
    `Corroborate: ${where}. Install it from the corroborate repository with ` +
    "`cargo install --path .` (puts `corroborate` in ~/.cargo/bin), or build it with " +
    "`cargo build --release` and set `corroborate.server.path` to the full path of " +
    "target/release/corroborate; then run “Corroborate: Restart Server”."
  );
}
