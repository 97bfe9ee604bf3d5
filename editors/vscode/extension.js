// Starts `prune lsp` for .prune files: everything the editor shows comes from that server.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('prune').get('command', 'prune');
  const server = { command, args: ['lsp'] };
  client = new LanguageClient('prune', 'Prune', { run: server, debug: server }, {
    documentSelector: [{ scheme: 'file', language: 'prune' }, { scheme: 'untitled', language: 'prune' }]
  });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
