// Minimal VS Code client for `helpdesk-annotator lsp`: starts the server over stdio for
// Markdown, reStructuredText, HTML and plain-text documents. Plain JavaScript, no build step.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("helpdeskAnnotator");
  const command = settings.get("command", "helpdesk-annotator");
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  const languages = ["markdown", "restructuredtext", "html", "plaintext"];
  client = new LanguageClient(
    "helpdeskAnnotator",
    "Helpdesk Annotator",
    { run: server, debug: server },
    {
      documentSelector: languages.map((language) => ({ scheme: "file", language })),
      initializationOptions: { debounceMs: settings.get("debounceMs", 150) },
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          "**/{.helpdesk-annotator.toml,pyproject.toml,*.csv,*.json,*.jsonl,*.tbx}"
        ),
      },
    }
  );
  context.subscriptions.push(
    vscode.commands.registerCommand("helpdeskAnnotator.lintWorkspace", () =>
      client.sendRequest("workspace/executeCommand", {
        command: "helpdesk-annotator.lintWorkspace",
        arguments: [],
      })
    )
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
