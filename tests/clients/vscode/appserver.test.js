'use strict';

// Drives the built `appserver` executable through codex-appserver, the typed client extensions
// depend on (npm/codex-appserver: vscode-jsonrpc over stdio). vscode-jsonrpc speaks Content-Length
// framing, so this also proves the server's framing auto-detection (it defaults to
// newline-delimited JSON).
//
// Server executable: $APPSERVER_EXE, else ../../../src/AppServer/bin/Debug/net10.0/appserver
// relative to this file (run `dotnet build src/AppServer` first).

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CancellationTokenSource, ResponseError, notificationMethods, spawnAppServer } = require('codex-appserver');

const EXE = process.env.APPSERVER_EXE
  ? path.resolve(process.env.APPSERVER_EXE)
  : path.resolve(__dirname, '../../../src/AppServer/bin/Debug/net10.0', process.platform === 'win32' ? 'appserver.exe' : 'appserver');
const TIMEOUT_MS = 20_000;
const API_KEY = 'sk-vscode-client-test-key';

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Spawns and initializes a server in a fresh temp CODEX_HOME through spawnAppServer. */
async function startServer(clientInfo) {
  assert.ok(fs.existsSync(EXE), `appserver executable not found at ${EXE}; build it or set APPSERVER_EXE`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'appserver-vscode-'));
  const server = { home, stderr: '', notifications: [], waiters: [] };
  server.connection = await withTimeout(spawnAppServer({
    clientInfo,
    binary: EXE,
    codexHome: home,
    onStderr: (line) => { server.stderr += `${line}\n`; },
  }), 'spawnAppServer');
  for (const method of notificationMethods) {
    server.connection.on(method, (params) => {
      server.notifications.push({ method, params });
      for (const waiter of server.waiters.filter((w) => w.method === method)) {
        server.waiters.splice(server.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
  }

  /** The next notification of `method` not seen before this call. */
  server.nextNotification = (method) => withTimeout(new Promise((resolve) => server.waiters.push({ method, resolve })), method);
  return server;
}

async function stopServer(server) {
  if (server) {
    await server.connection.dispose();
    fs.rmSync(server.home, { recursive: true, force: true });
  }
}

describe('appserver through codex-appserver (vscode-jsonrpc, Content-Length framing)', () => {
  let server;

  before(async () => { server = await startServer({ name: 'vscode-e2e', title: 'VS Code E2E', version: '1.2.3' }); });
  after(async () => { await stopServer(server); });

  test('initialize returns userAgent, codexHome and platform', () => {
    const result = server.connection.initializeResult;

    assert.match(result.userAgent, /^vscode-e2e\//);
    assert.ok(result.userAgent.endsWith('(vscode-e2e; 1.2.3)'), result.userAgent);
    assert.equal(fs.realpathSync(result.codexHome), fs.realpathSync(server.home));
    assert.equal(result.platformFamily, process.platform === 'win32' ? 'windows' : 'unix');
    assert.ok(['linux', 'macos', 'windows'].includes(result.platformOs), result.platformOs);
  });

  test('getAuthStatus with no credentials', async () => {
    const status = await withTimeout(server.connection.getAuthStatus({ includeToken: true, refreshToken: false }), 'getAuthStatus');

    assert.deepEqual(status, { authMethod: null, authToken: null, requiresOpenaiAuth: true });
  });

  test('account/read with no credentials', async () => {
    const account = await withTimeout(server.connection.accountRead({ refreshToken: false }), 'account/read');

    assert.deepEqual(account, { account: null, requiresOpenaiAuth: true });
  });

  test('an unknown method is a ResponseError -32601', async () => {
    await assert.rejects(
      withTimeout(server.connection.rpc.sendRequest('no/such/method', {}), 'no/such/method'),
      (error) => error instanceof ResponseError && error.code === -32601 && error.data === undefined,
    );
  });

  test('a cancelled request still gets an answer: its result or -32800', async () => {
    const source = new CancellationTokenSource();
    const pending = server.connection.getAuthStatus({ includeToken: false }, source.token);
    source.cancel();

    try {
      const status = await withTimeout(pending, 'cancelled getAuthStatus');
      assert.equal(status.requiresOpenaiAuth, true);
    } catch (error) {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, -32800);
      assert.equal(error.message, 'Request canceled');
    }
  });

  test('API-key login notifies account/login/completed, then account/updated', async () => {
    const completed = server.nextNotification('account/login/completed');
    const updated = server.nextNotification('account/updated');

    const result = await withTimeout(server.connection.accountLoginStart({ type: 'apiKey', apiKey: API_KEY }), 'account/login/start');

    assert.deepEqual(result, { type: 'apiKey' });
    assert.deepEqual(await completed, { loginId: null, success: true, error: null });
    assert.deepEqual(await updated, { authMode: 'apikey', planType: null });
    const order = server.notifications.map((n) => n.method).filter((m) => m === 'account/login/completed' || m === 'account/updated');
    assert.deepEqual(order.slice(-2), ['account/login/completed', 'account/updated']);
    const status = await withTimeout(server.connection.getAuthStatus({ includeToken: true }), 'getAuthStatus');
    assert.equal(status.authMethod, 'apikey');
    assert.equal(status.authToken, API_KEY);
  });

  test('logout notifies account/updated with no auth mode', async () => {
    const updated = server.nextNotification('account/updated');

    const result = await withTimeout(server.connection.accountLogout(), 'account/logout');

    assert.deepEqual(result, {});
    assert.deepEqual(await updated, { authMode: null, planType: null });
    const account = await withTimeout(server.connection.accountRead({}), 'account/read');
    assert.equal(account.account, null);
  });

  test('secrets never reach stderr', () => {
    assert.ok(!server.stderr.includes(API_KEY), 'the API key appeared on stderr');
  });

  test('closing stdin ends the server with exit code 0', async () => {
    // dispose() closes stdin and waits for the exit before it would kill.
    const { code, signal } = await withTimeout(server.connection.dispose(), 'server exit');

    assert.equal(code, 0, server.stderr);
    assert.equal(signal, null);
    assert.deepEqual(await server.connection.exited, { code, signal });
  });
});

describe('non-ASCII over Content-Length framing (lengths count bytes)', () => {
  let server;

  before(async () => { server = await startServer({ name: 'café-é', title: 'Éditeur café', version: '1.0' }); });
  after(async () => { await stopServer(server); });

  test('a clientInfo name and title with é round-trip', async () => {
    const result = server.connection.initializeResult;
    const status = await withTimeout(server.connection.getAuthStatus({ includeToken: false }), 'getAuthStatus');

    assert.match(result.userAgent, /^café-é\//);
    assert.ok(result.userAgent.endsWith('(café-é; 1.0)'), result.userAgent);
    assert.equal(status.requiresOpenaiAuth, true);
  });
});
