// The status bar item: indexing progress while the server reads the corpus, then the number
// of unsupported / conflicting claims in the draft of the active editor.

import * as vscode from "vscode";

import { countVerdicts, status, type ServerState, type StatusInput } from "./summary";

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private server: ServerState = { kind: "starting" };
  /** Open `$/progress` runs by token: their title and latest message. */
  private readonly indexing = new Map<string, { title: string; message: string }>();
  private lastIndexed: string | undefined;
  /** Every text shown, in order, when the end-to-end test asks (a brief state included). */
  readonly history: string[] = [];

  constructor(private readonly keepHistory: boolean) {
    this.item = vscode.window.createStatusBarItem("corroborate.status", vscode.StatusBarAlignment.Left, 0);
    this.item.name = "Corroborate";
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) {
          this.render();
        }
      }),
    );
    this.render();
  }

  setServer(state: ServerState): void {
    this.server = state;
    if (state.kind !== "running") {
      this.indexing.clear();
    }
    this.render();
  }

  progress(token: string, value: { kind: string; title?: string; message?: string; percentage?: number }): void {
    if (value.kind === "begin") {
      this.indexing.set(token, { title: value.title ?? "Indexing", message: value.message ?? "" });
    } else if (value.kind === "report") {
      const run = this.indexing.get(token);
      if (run) {
        const pct = value.percentage !== undefined ? ` (${value.percentage}%)` : "";
        run.message = (value.message ?? run.message) + pct;
      }
    } else if (value.kind === "end") {
      this.indexing.delete(token);
      if (value.message) {
        this.lastIndexed = value.message;
      }
    }
    this.render();
  }

  /** What the item shows now (for the end-to-end test's dump). */
  snapshot(): { text: string; tooltip: string; visible: boolean } {
    const s = status(this.input());
    return { text: s.text, tooltip: s.tooltip, visible: s.visible };
  }

  dispose(): void {
    for (const s of this.subscriptions) {
      s.dispose();
    }
  }

  private input(): StatusInput {
    const editor = vscode.window.activeTextEditor;
    const draft =
      editor && editor.document.languageId === "markdown"
        ? countVerdicts(vscode.languages.getDiagnostics(editor.document.uri))
        : undefined;
    return {
      server: this.server,
      indexing: [...this.indexing.values()].map((r) => (r.message ? `${r.title}: ${r.message}` : r.title)),
      lastIndexed: this.lastIndexed,
      draft,
    };
  }

  private render(): void {
    const s = status(this.input());
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.backgroundColor =
      s.alarm === "none" ? undefined : new vscode.ThemeColor(`statusBarItem.${s.alarm}Background`);
    this.item.command =
      this.server.kind === "missing"
        ? { title: "Open Settings", command: "workbench.action.openSettings", arguments: ["corroborate.server.path"] }
        : this.server.kind === "running" || this.server.kind === "starting"
          ? "workbench.actions.view.problems"
          : "corroborate.restartServer";
    if (s.visible) {
      this.item.show();
    } else {
      this.item.hide();
    }
    if (this.keepHistory && this.history[this.history.length - 1] !== s.text) {
      this.history.push(s.text);
      if (this.history.length > 200) {
        this.history.shift();
      }
    }
  }
}
