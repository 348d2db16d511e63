// The one language client: finds the `corroborate` binary, starts `corroborate lsp --stdio`,
// forwards the settings, notices progress, and restarts on demand or when the binary
// setting changes. Everything the user sees about the server's state goes through `onState`.

import * as vscode from "vscode";
import {
  CloseAction,
  ErrorAction,
  type Executable,
  ExecuteCommandRequest,
  LanguageClient,
  type LanguageClientOptions,
  RevealOutputChannelOn,
  type ServerOptions,
  State,
  TransportKind,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from "vscode-languageclient/node";

import { missingServerMessage, nodeEnvironment, resolveServer } from "./serverPath";
import { forServer } from "./settings";
import type { ServerState } from "./summary";

export const SECTION = "corroborate";
/** The server's command (docs/editors.md); a server without it is restarted instead. */
const SERVER_REINDEX = "corroborate.reindex";

/** One root's outcome of `corroborate.reindex` (src/server/api/commands/reindex.rs). */
interface Reindexed {
  root: string;
  status: "ready" | "noCorpus" | "failed" | "loading";
  message?: string;
  sources: number;
  sentences: number;
}

type ProgressValue = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

export interface ServerEvents {
  onState(state: ServerState): void;
  onProgress(token: string, value: ProgressValue): void;
}

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Serialises start/stop so that two quick restarts cannot run two servers. */
  private queue: Promise<void> = Promise.resolve();
  private readonly output: vscode.OutputChannel;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly events: ServerEvents) {
    this.output = vscode.window.createOutputChannel("Corroborate");
    this.subscriptions.push(
      this.output,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.server.path`)) {
          // Set before the client's own listener runs: the outgoing server gets no
          // didChangeConfiguration while it is being stopped.
          this.replacing = true;
          void this.restart();
        }
      }),
    );
  }

  /** The running client, if any (commands use it to send requests). */
  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  /**
   * Re-reads corroborate.toml and the corpus of every root (the server's command answers
   * once loaded, one summary per root), else, for a server without the command, starts a
   * fresh one.
   */
  async reindex(): Promise<void> {
    const client = this.running;
    const commands = client?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    if (!client || !commands.includes(SERVER_REINDEX)) {
      await this.restart();
      return;
    }
    let roots: Reindexed[];
    try {
      roots =
        ((await client.sendRequest(ExecuteCommandRequest.type, {
          command: SERVER_REINDEX,
          arguments: [],
        })) as Reindexed[] | null) ?? [];
    } catch (error) {
      void vscode.window.showWarningMessage(`Corroborate: re-indexing failed: ${error instanceof Error ? error.message : error}`);
      return;
    }
    const failed = roots.filter((r) => r.status === "failed");
    if (failed.length > 0) {
      void vscode.window.showWarningMessage(
        `Corroborate: re-indexing ${failed.map((r) => `${r.root} failed: ${r.message ?? "?"}`).join("; ")}`,
      );
    } else if (roots.length > 0 && roots.every((r) => r.status === "noCorpus")) {
      void vscode.window.showInformationMessage(
        "Corroborate: no corpus is configured: add a corroborate.toml next to your drafts or set corroborate.corpus.",
      );
    } else {
      const sources = roots.reduce((n, r) => n + r.sources, 0);
      const sentences = roots.reduce((n, r) => n + r.sentences, 0);
      vscode.window.setStatusBarMessage(`Corroborate: re-indexed ${sources} sources, ${sentences} sentences`, 5000);
    }
  }

  dispose(): void {
    void this.enqueue(() => this.doStop());
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step, step);
    return this.queue;
  }

  private async doStart(): Promise<void> {
    this.replacing = false;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const setting = vscode.workspace.getConfiguration(SECTION).get<string>("server.path");
    const found = resolveServer(setting, nodeEnvironment(folder));
    if (found.kind === "missing") {
      this.output.appendLine(`server not found; looked at: ${found.looked.join(", ") || "(nothing)"}`);
      this.events.onState({ kind: "missing" });
      void this.tellMissing(missingServerMessage(found));
      return;
    }
    this.output.appendLine(`starting ${found.path} lsp --stdio`);
    this.events.onState({ kind: "starting" });

    const run: Executable = {
      command: found.path,
      args: ["lsp"], // TransportKind.stdio appends --stdio, which the server accepts
      transport: TransportKind.stdio,
      options: { cwd: folder },
    };
    const serverOptions: ServerOptions = { run, debug: run };
    const client = new LanguageClient(SECTION, "Corroborate", serverOptions, this.clientOptions());
    client.onDidChangeState((e) => {
      if (this.client !== client) {
        return;
      }
      if (e.newState === State.Running) {
        this.events.onState({ kind: "running" });
      } else if (e.newState === State.Stopped) {
        this.events.onState({ kind: "stopped" });
      }
    });
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.output.appendLine(`the server did not start: ${reason}`);
      this.events.onState({ kind: "failed", reason });
      this.client = undefined;
      try {
        await client.dispose();
      } catch {
        // already stopped
      }
      void vscode.window
        .showErrorMessage(
          `Corroborate: ${found.path} did not start as a language server (${reason}). ` +
            "Check that it is the corroborate binary (`corroborate lsp` should wait for input), " +
            "see the Corroborate output for details, then run “Corroborate: Restart Server”.",
          "Show Output",
        )
        .then((choice) => choice && this.output.show());
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5000);
      } catch (error) {
        this.output.appendLine(`stopping the server: ${String(error)}`);
      }
      await client.dispose().catch(() => undefined);
    }
    this.events.onState({ kind: "stopped" });
  }

  private async tellMissing(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, "Open Settings", "Retry");
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
    } else if (choice === "Retry") {
      await this.restart();
    }
  }

  private clientOptions(): LanguageClientOptions {
    return {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "markdown" },
      ],
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      // The server takes the same keys as corroborate.toml and nothing else.
      initializationOptions: forServer(vscode.workspace.getConfiguration().get(SECTION)),
      // A crashed server is restarted a few times, then left stopped with a message (the
      // status bar offers a restart).
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          this.crashes = this.crashes.filter((t) => Date.now() - t < 180_000);
          this.crashes.push(Date.now());
          if (this.crashes.length <= 4) {
            return { action: CloseAction.Restart };
          }
          return {
            action: CloseAction.DoNotRestart,
            message:
              "Corroborate: the language server stopped 5 times in 3 minutes and was not restarted. " +
              "See the Corroborate output, then run “Corroborate: Restart Server”.",
          };
        },
      },
      middleware: {
        workspace: {
          didChangeConfiguration: (sections, next) => (this.replacing ? Promise.resolve() : next(sections)),
          // The server pulls `corroborate` per workspace folder (on start and after every
          // didChangeConfiguration, which it registers for): hand it only its own keys.
          configuration: async (params, token, next) => {
            const answers = await next(params, token);
            if (!Array.isArray(answers)) {
              return answers;
            }
            return answers.map((answer, i) =>
              params.items[i]?.section === SECTION ? forServer(answer) : answer,
            );
          },
        },
        handleWorkDoneProgress: (token, value, next) => {
          this.events.onProgress(String(token), value);
          next(token, value);
        },
      },
    };
  }

  private crashes: number[] = [];
  /** `corroborate.server.path` changed: the running server is on its way out. */
  private replacing = false;
}
