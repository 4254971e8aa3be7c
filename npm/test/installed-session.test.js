'use strict';

// A session through codex-appserver as an extension gets it: `npm install` of the packed tarballs
// (the main package and this platform's binary package) into an empty project, then only
// `require('codex-appserver')`. .ci/run copies this file into that project and runs `node --test`.
// The token endpoint is a loopback server in this file that answers every refresh with 401.

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { binaryPath, spawnAppServer } = require('codex-appserver');

const TIMEOUT_MS = 20_000;
const API_KEY = 'sk-installed-package-test-key';
const EMAIL = 'installed@example.com';
const POLLS = 5;

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The next notification through `subscribe` (a typed `on…` method), once. */
function next(subscribe, what) {
  return withTimeout(new Promise((resolve) => {
    const subscription = subscribe((params) => { subscription.dispose(); resolve(params); });
  }), what);
}

/** An unsigned JWT (the server reads claims, never signatures). */
function jwt(payload) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.sig`;
}

/** A ChatGPT auth.json whose access token expired an hour ago, so a refresh is due. */
function writeStaleChatGptAuth(home) {
  const accountId = 'acct-installed';
  const auth = { chatgpt_account_id: accountId, chatgpt_plan_type: 'plus', chatgpt_user_id: 'user-installed', user_id: 'user-installed' };
  const now = Math.floor(Date.now() / 1000);
  const file = {
    auth_mode: 'chatgpt',
    OPENAI_API_KEY: null,
    tokens: {
      id_token: jwt({ email: EMAIL, 'https://api.openai.com/auth': auth, 'https://api.openai.com/profile': { email: EMAIL } }),
      access_token: jwt({ exp: now - 3600, iat: now - 7200, 'https://api.openai.com/auth': { chatgpt_account_id: accountId, chatgpt_plan_type: 'plus' } }),
      refresh_token: 'rt-installed-package-test',
      account_id: accountId,
    },
    last_refresh: new Date(Date.now() - 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
  };
  const temp = path.join(home, `.auth-${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify(file));
  fs.renameSync(temp, path.join(home, 'auth.json'));
}

describe('codex-appserver installed from its tarballs', () => {
  let home;
  let tokenEndpoint;
  let tokenCalls = 0;
  const revoked = [];
  let connection;
  let stderr = '';

  before(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-appserver-installed-'));
    tokenEndpoint = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += chunk; });
      request.on('end', () => {
        if (request.url === '/oauth/revoke') {
          // Logout revokes the old tokens on the same host (Codex's rule when only the token URL is overridden).
          revoked.push(JSON.parse(body));
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{}');
          return;
        }
        tokenCalls++;
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'refresh_token_expired', message: 'Your refresh token has expired.' } }));
      });
    });
    await new Promise((resolve) => tokenEndpoint.listen(0, '127.0.0.1', resolve));
    const { port } = tokenEndpoint.address();

    connection = await spawnAppServer({
      clientInfo: { name: 'installed-package-test', version: '1.0.0' },
      codexHome: home,
      // The binary must come from the installed platform package, not from a development override.
      env: { APPSERVER_BINARY: undefined, CODEX_REFRESH_TOKEN_URL_OVERRIDE: `http://127.0.0.1:${port}/oauth/token` },
      onStderr: (line) => { stderr += `${line}\n`; },
    });
  });

  after(async () => {
    await connection?.dispose();
    await new Promise((resolve) => tokenEndpoint.close(resolve));
    fs.rmSync(home, { recursive: true, force: true });
  });

  test('binaryPath() is the installed platform package\'s bin/appserver', () => {
    const { APPSERVER_BINARY, ...env } = process.env;
    const binary = binaryPath({ env });

    assert.ok(binary.endsWith(path.join('node_modules', `codex-appserver-${process.platform}-${process.arch}`, 'bin', 'appserver')), binary);
    assert.ok(connection.process.spawnargs.includes('--parent-pid'), connection.process.spawnargs.join(' '));
    assert.equal(fs.realpathSync(connection.initializeResult.codexHome), fs.realpathSync(home));
  });

  test('API-key login, then status', async () => {
    const completed = next((h) => connection.onAccountLoginCompleted(h), 'account/login/completed');
    const updated = next((h) => connection.onAccountUpdated(h), 'account/updated');

    assert.deepEqual(await connection.accountLoginStart({ type: 'apiKey', apiKey: API_KEY }), { type: 'apiKey' });
    // Field by field: the protocol may add members to a notification without breaking a client.
    const { loginId, success, error } = await completed;
    assert.deepEqual({ loginId, success, error }, { loginId: null, success: true, error: null });
    assert.equal((await updated).authMode, 'apikey');
    const status = await connection.getAuthStatus({ includeToken: true });
    assert.equal(status.authMethod, 'apikey');
    assert.equal(status.authToken, API_KEY);
  });

  test(`a permanent refresh failure makes exactly one token call over ${POLLS} polls`, async (t) => {
    writeStaleChatGptAuth(home);
    // account/read never refreshes: wait until the server has adopted the file.
    await withTimeout((async () => {
      while ((await connection.accountRead({ refreshToken: false })).account?.email !== EMAIL) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })(), 'the ChatGPT auth.json to be adopted');
    assert.equal(tokenCalls, 0);

    const answers = [];
    for (let i = 0; i < POLLS; i++) {
      answers.push(await connection.getAuthStatus({ includeToken: true, refreshToken: true }));
      answers.push(await connection.accountRead({ refreshToken: true }));
    }

    t.diagnostic(`token endpoint calls over ${POLLS} getAuthStatus + ${POLLS} account/read refreshes: ${tokenCalls}`);
    assert.equal(tokenCalls, 1);
    for (const status of answers.filter((a) => 'authMethod' in a)) {
      assert.equal(status.authMethod, 'chatgpt');
      assert.equal(status.authToken, null);
      assert.equal(status.refreshFailure?.reason, 'expired');
    }
  });

  test('logout clears the credentials and the failure', async () => {
    const updated = next((h) => connection.onAccountUpdated(h), 'account/updated');

    assert.deepEqual(await connection.accountLogout(), {});
    assert.equal((await updated).authMode, null);
    const status = await connection.getAuthStatus({ includeToken: true });
    assert.equal(status.authMethod, null);
    assert.equal(status.authToken, null);
    assert.equal(status.refreshFailure, undefined);
    assert.equal(tokenCalls, 1);

    // The revoke runs after the answer, in the background: wait for it (bounded) and check its body.
    for (let waited = 0; revoked.length === 0 && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.equal(revoked.length, 1);
    assert.equal(revoked[0].token_type_hint, 'refresh_token');
    assert.equal(revoked[0].client_id, 'app_EMoamEEZ73f0CkXaXp7hrann');
  });

  test('dispose ends the server with exit code 0, and no secret reached stderr', async () => {
    const exit = await connection.dispose();

    assert.equal(exit.code, 0, stderr);
    assert.ok(!stderr.includes(API_KEY), 'the API key appeared on stderr');
    assert.ok(!stderr.includes('rt-installed-package-test'), 'the refresh token appeared on stderr');
  });
});
