'use strict';

// What codex-appserver's spawnAppServer adds on top of vscode-jsonrpc: the arguments it starts the
// server with, stderr lines, start failures, notification fan-out and a bounded, idempotent dispose.
// Real child processes over real pipes: the built appserver ($APPSERVER_EXE, as in
// appserver.test.js) and, for a server that ignores stdin closing, a small Node stand-in.

const { describe, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnAppServer } = require('codex-appserver');

const EXE = process.env.APPSERVER_EXE
  ? path.resolve(process.env.APPSERVER_EXE)
  : path.resolve(__dirname, '../../../src/AppServer/bin/Debug/net10.0', process.platform === 'win32' ? 'appserver.exe' : 'appserver');
const TIMEOUT_MS = 20_000;
const CLIENT = { name: 'client-test', version: '0.0.1' };

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appserver-client-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(t, options = {}) {
  const connection = await withTimeout(spawnAppServer({ clientInfo: CLIENT, binary: EXE, codexHome: tempDir(t), ...options }), 'spawnAppServer');
  t.after(() => connection.dispose());
  return connection;
}

describe('spawnAppServer', () => {
  test('starts the server with --parent-pid <this pid> and the extra args after it', async (t) => {
    const connection = await start(t, { args: ['--log-level', 'debug'] });

    assert.deepEqual(connection.process.spawnargs.slice(1), ['--parent-pid', String(process.pid), '--log-level', 'debug']);
    assert.match(connection.initializeResult.userAgent, /^client-test\//);
  });

  test('hands each stderr line to onStderr, without its line break', async (t) => {
    const lines = [];
    const connection = await start(t, { args: ['--log-level', 'debug'], onStderr: (line) => lines.push(line) });

    await connection.getAuthStatus({ includeToken: false });
    await connection.dispose();

    assert.ok(lines.length > 0, 'no stderr line at debug level');
    assert.ok(lines.every((line) => !line.includes('\n')), lines.join('|'));
  });

  test('a server that exits at once is an Error with its exit code and stderr', async (t) => {
    const home = tempDir(t);

    await assert.rejects(
      spawnAppServer({ clientInfo: CLIENT, binary: EXE, codexHome: home, args: ['--no-such-option'] }),
      (error) => {
        assert.match(error.message, /did not start: it exited with code 2 before answering initialize/);
        assert.match(error.message, /--no-such-option/);
        return true;
      },
    );
  });

  test('a binary that does not exist is an Error naming it', async (t) => {
    const missing = path.join(tempDir(t), 'no-appserver-here');

    await assert.rejects(
      spawnAppServer({ clientInfo: CLIENT, binary: missing }),
      (error) => error.message.includes(missing) && /ENOENT/.test(error.message),
    );
  });

  test('every subscriber of a notification gets it, even after one throws; a disposed one does not', async (t) => {
    const connection = await start(t);
    const seen = { first: [], second: [], removed: [] };
    connection.onAccountUpdated(() => { throw new Error('a subscriber that throws'); });
    connection.onAccountUpdated((params) => seen.first.push(params));
    connection.on('account/updated', (params) => seen.second.push(params));
    connection.onAccountUpdated((params) => seen.removed.push(params)).dispose();
    const updated = new Promise((resolve) => connection.onAccountUpdated(resolve));

    await connection.accountLoginStart({ type: 'apiKey', apiKey: 'sk-client-test-fanout' });
    await withTimeout(updated, 'account/updated');

    assert.deepEqual(seen.first.map((params) => params.authMode), ['apikey']);
    assert.deepEqual(seen.second, seen.first);
    assert.deepEqual(seen.removed, []);
  });

  test('dispose is idempotent and later requests are refused', async (t) => {
    const connection = await start(t);

    const first = connection.dispose();
    const second = connection.dispose();

    assert.equal(first, second);
    assert.deepEqual(await first, { code: 0, signal: null });
    await assert.rejects(connection.getAuthStatus({ includeToken: false }));
  });

  test('dispose kills a server that outlives its bound after stdin closes', { skip: process.platform === 'win32' && 'the stand-in is a shell script' }, async (t) => {
    const dir = tempDir(t);
    const stubborn = path.join(dir, 'stubborn-server');
    fs.writeFileSync(stubborn, `#!/bin/sh\nexec "${process.execPath}" "${path.join(__dirname, 'fixtures', 'stubborn-server.js')}" "$@"\n`, { mode: 0o755 });
    const connection = await withTimeout(spawnAppServer({ clientInfo: CLIENT, binary: stubborn, disposeTimeoutMs: 200 }), 'spawnAppServer');

    const exit = await withTimeout(connection.dispose(), 'dispose');

    assert.equal(connection.initializeResult.userAgent, 'stubborn/1');
    assert.deepEqual(exit, { code: null, signal: 'SIGKILL' });
  });
});
