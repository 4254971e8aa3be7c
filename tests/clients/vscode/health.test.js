'use strict';

// The 401 → rejectedAuthToken flow and the auth-health push, driven with the real vscode-jsonrpc
// client over stdio (Content-Length framing) against the built `appserver` executable.
//
// The token endpoint and the API are a small loopback HTTP server in this file, so the suite
// needs nothing but the executable: it rotates single-use refresh tokens, counts POSTs, and
// answers GET /v1/me with 401 for access tokens the test marks rejected.
//
// Server executable: $APPSERVER_EXE, else ../../../src/AppServer/bin/Debug/net10.0/appserver.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');

const EXE = process.env.APPSERVER_EXE
  ? path.resolve(process.env.APPSERVER_EXE)
  : path.resolve(__dirname, '../../../src/AppServer/bin/Debug/net10.0', process.platform === 'win32' ? 'appserver.exe' : 'appserver');
const TIMEOUT_MS = 20_000;
const HEALTH = 'account/authHealth/changed';

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload) => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.sig`;
const AUTH_CLAIM = 'https://api.openai.com/auth';

function idToken() {
  return jwt({
    email: 'dev@example.com',
    [AUTH_CLAIM]: { chatgpt_account_id: 'acct_vscode', chatgpt_user_id: 'user-vscode', chatgpt_plan_type: 'pro' },
  });
}

function accessToken() {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ exp: now + 3600, iat: now, jti: crypto.randomUUID(), [AUTH_CLAIM]: { chatgpt_account_id: 'acct_vscode' } });
}

/** A loopback token endpoint and API: single-use refresh tokens, a 401 for rejected bearers. */
async function startIssuer() {
  const issuer = { posts: 0, reasons: [], live: new Set(), rejected: new Set(), mode: 'rotate' };
  issuer.grant = () => {
    const grant = { access_token: accessToken(), refresh_token: `rt_${crypto.randomUUID()}`, id_token: idToken() };
    issuer.live.add(grant.refresh_token);
    return grant;
  };
  issuer.server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const reply = (status, json) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(json));
      };
      if (request.method === 'GET' && request.url === '/v1/me') {
        const bearer = (request.headers.authorization || '').replace(/^Bearer /, '');
        return bearer && !issuer.rejected.has(bearer) ? reply(200, { ok: true }) : reply(401, { error: { code: 'invalid_token' } });
      }
      if (request.method === 'POST' && request.url === '/oauth/token') {
        issuer.posts++;
        const fields = JSON.parse(body);
        issuer.reasons.push(fields.refresh_reason);
        if (issuer.mode === 'permanent') {
          return reply(401, { error: { code: 'refresh_token_expired', message: 'expired' } });
        }
        if (!issuer.live.delete(fields.refresh_token)) {
          return reply(401, { error: { code: 'refresh_token_reused', message: 'reused' } });
        }
        return reply(200, issuer.grant());
      }
      return reply(404, {});
    });
  });
  await new Promise((resolve) => issuer.server.listen(0, '127.0.0.1', resolve));
  issuer.tokenUrl = `http://127.0.0.1:${issuer.server.address().port}/oauth/token`;
  issuer.apiUrl = `http://127.0.0.1:${issuer.server.address().port}/v1/me`;
  issuer.callApi = async (token) => (await fetch(issuer.apiUrl, { headers: { authorization: `Bearer ${token}` } })).status;
  return issuer;
}

function writeChatGptAuth(home, grant) {
  fs.writeFileSync(path.join(home, 'auth.json'), JSON.stringify({
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: { id_token: grant.id_token, access_token: grant.access_token, refresh_token: grant.refresh_token, account_id: 'acct_vscode' },
    last_refresh: new Date().toISOString(),
  }));
}

/** Spawns a server on `home` and connects vscode-jsonrpc to its stdio. */
function startServer(home, issuer) {
  assert.ok(fs.existsSync(EXE), `appserver executable not found at ${EXE}; build it or set APPSERVER_EXE`);
  const child = spawn(EXE, [], {
    env: { ...process.env, CODEX_HOME: home, CODEX_REFRESH_TOKEN_URL_OVERRIDE: issuer.tokenUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const server = { child, stderr: '', notifications: [], waiters: [] };
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => { server.stderr += chunk; });
  server.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onNotification((method, params) => {
    server.notifications.push({ method, params });
    for (const waiter of server.waiters.filter((w) => w.method === method)) {
      server.waiters.splice(server.waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    }
  });
  connection.listen();
  server.connection = connection;
  server.request = (method, params) => withTimeout(connection.sendRequest(method, params), method);
  server.nextNotification = (method) => withTimeout(new Promise((resolve) => server.waiters.push({ method, resolve })), method);
  server.healthSeen = () => server.notifications.filter((n) => n.method === HEALTH).map((n) => n.params);
  return server;
}

async function stopServer(server) {
  server.connection.dispose();
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.stdin.end();
    let timer;
    const exited = await Promise.race([server.exited, new Promise((resolve) => { timer = setTimeout(() => resolve(null), 5_000); })]);
    clearTimeout(timer);
    if (exited === null) {
      server.child.kill('SIGKILL');
    }
  }
}

const initialize = (server, name) => server.request('initialize', { clientInfo: { name, version: '1.0.0' } });
const quiet = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a token the API rejected (vscode-jsonrpc)', () => {
  let issuer;
  let home;
  let windowA;
  let windowB;

  before(async () => {
    issuer = await startIssuer();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'appserver-vscode-health-'));
    writeChatGptAuth(home, issuer.grant());
    windowA = startServer(home, issuer);
    windowB = startServer(home, issuer);
    await initialize(windowA, 'vscode-window-a');
    await initialize(windowB, 'vscode-window-b');
  });

  after(async () => {
    await stopServer(windowA);
    await stopServer(windowB);
    issuer.server.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('401 → rejectedAuthToken → a new token that the API accepts, one POST across two windows', async () => {
    const { authToken: first } = await windowA.request('getAuthStatus', { includeToken: true });
    assert.equal(await issuer.callApi(first), 200);

    issuer.rejected.add(first);
    assert.equal(await issuer.callApi(first), 401);
    const recovered = await windowA.request('getAuthStatus', { includeToken: true, rejectedAuthToken: first });
    const fromB = await windowB.request('getAuthStatus', { includeToken: true, rejectedAuthToken: first });
    const lateA = await windowA.request('getAuthStatus', { includeToken: true, rejectedAuthToken: first });

    assert.notEqual(recovered.authToken, first);
    assert.equal(await issuer.callApi(recovered.authToken), 200);
    assert.equal(recovered.authHealth.state, 'ok');
    assert.equal(fromB.authToken, recovered.authToken);
    assert.equal(lateA.authToken, recovered.authToken);
    assert.equal(issuer.posts, 1);
    assert.deepEqual(issuer.reasons, ['unauthorized_recovery']);
    assert.ok(!windowA.stderr.includes(first) && !windowB.stderr.includes(first), 'the rejected token is never logged');
  });

  test('a permanent failure in window A reaches window B as account/authHealth/changed, unasked', async () => {
    issuer.mode = 'permanent';
    const pushedToB = windowB.nextNotification(HEALTH);
    const { authToken: current } = await windowA.request('getAuthStatus', { includeToken: true });

    const status = await windowA.request('getAuthStatus', { includeToken: true, rejectedAuthToken: current });
    const health = await pushedToB;
    const readB = await windowB.request('account/authHealth/read', {});

    assert.equal(status.authToken, null);
    assert.equal(status.refreshFailure.reason, 'expired');
    assert.equal(status.authHealth.state, 'needsLogin');
    assert.equal(health.state, 'needsLogin');
    assert.equal(health.reason, 'expired');
    assert.match(health.since, /Z$/);
    assert.equal(health.nextAttemptAt, null);
    assert.deepEqual(readB, health);
    assert.equal(issuer.posts, 2);
  });

  test('each window heard each health change exactly once', async () => {
    await quiet(300);
    for (const window of [windowA, windowB]) {
      assert.deepEqual(window.healthSeen().map((h) => h.state), ['needsLogin']);
    }
  });
});

describe('auth health with an API key (vscode-jsonrpc)', () => {
  let issuer;
  let home;
  let server;

  before(async () => {
    issuer = await startIssuer();
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'appserver-vscode-health-'));
    server = startServer(home, issuer);
    await initialize(server, 'vscode-health');
  });

  after(async () => {
    await stopServer(server);
    issuer.server.close();
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('loggedOut → ok on login, needsLogin when the key is rejected, ok again with a new key, loggedOut on logout', async () => {
    assert.equal((await server.request('account/authHealth/read', {})).state, 'loggedOut');

    const afterLogin = server.nextNotification(HEALTH);
    await server.request('loginApiKey', { apiKey: 'sk-vscode-health-key' });
    assert.equal((await afterLogin).state, 'ok');

    const afterReject = server.nextNotification(HEALTH);
    const status = await server.request('getAuthStatus', { includeToken: true, rejectedAuthToken: 'sk-vscode-health-key' });
    assert.equal(status.authToken, 'sk-vscode-health-key');
    assert.deepEqual({ state: status.authHealth.state, reason: status.authHealth.reason }, { state: 'needsLogin', reason: 'apiKeyRejected' });
    assert.equal((await afterReject).reason, 'apiKeyRejected');

    const afterNewKey = server.nextNotification(HEALTH);
    await server.request('loginApiKey', { apiKey: 'sk-vscode-health-key-2' });
    assert.equal((await afterNewKey).state, 'ok');

    const afterLogout = server.nextNotification(HEALTH);
    await server.request('account/logout', {});
    assert.equal((await afterLogout).state, 'loggedOut');

    await quiet(300);
    assert.deepEqual(server.healthSeen().map((h) => h.state), ['ok', 'needsLogin', 'ok', 'loggedOut']);
    assert.equal(issuer.posts, 0);
  });
});
