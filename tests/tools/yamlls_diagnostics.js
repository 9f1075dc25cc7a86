// Print the diagnostics the real yaml-language-server gives one YAML file against one JSON
// Schema, as LINE:COL: message lines (used by tests/unit/test_yamlls.py).
// usage: node yamlls_diagnostics.js SCHEMA.json FILE.yaml   (NODE_PATH must find the server)
const { spawn } = require('child_process');
const fs = require('fs');
const [schemaPath, docPath] = process.argv.slice(2);
const server = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio']);
let buf = Buffer.alloc(0);
let id = 0;
function send(msg) { const body = JSON.stringify({ jsonrpc: '2.0', ...msg }); server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`); }
const docUri = 'file://' + docPath;
server.stdout.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  while (true) {
    const head = buf.indexOf('\r\n\r\n'); if (head < 0) return;
    const len = parseInt(/Content-Length: (\d+)/.exec(buf.slice(0, head).toString())[1]);
    if (buf.length < head + 4 + len) return;
    const msg = JSON.parse(buf.slice(head + 4, head + 4 + len).toString()); buf = buf.slice(head + 4 + len);
    if (msg.method === 'workspace/configuration') send({ id: msg.id, result: msg.params.items.map(() => ({ validate: true, schemas: { ['file://' + schemaPath]: '*.yaml' } })) });
    else if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === docUri) {
      for (const d of msg.params.diagnostics) console.log(`${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
      console.log('--done--'); server.kill(); process.exit(0);
    } else if (msg.id !== undefined && msg.method) send({ id: msg.id, result: null });
  }
});
send({ id: ++id, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } } });
setTimeout(() => {
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings: { yaml: { validate: true, schemas: { ['file://' + schemaPath]: '*.yaml' } } } } });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri: docUri, languageId: 'yaml', version: 1, text: fs.readFileSync(docPath, 'utf8') } } });
}, 500);
setTimeout(() => { console.log('--timeout--'); server.kill(); process.exit(1); }, 15000);
