'use strict';

// binaryPath() against real folders laid out as npm installs them (node_modules/<platform package>/bin).
// Runs on the built package: `npm run build` first.

const { describe, test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { AppServerBinaryError, PLATFORM_PACKAGES, binaryPath } = require('..');

let root;
beforeEach(() => { root = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-appserver-resolve-')); });
afterEach(() => { fs.rmSync(root, { recursive: true, force: true }); });

/** Lays out node_modules/<name> with a package.json and, unless binary is null, bin/<binary> in mode. */
function installPlatformPackage(name, { binary = 'appserver', mode = 0o755 } = {}) {
  const folder = path.join(root, 'node_modules', name);
  fs.mkdirSync(path.join(folder, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version: '0.1.0' }));
  if (binary !== null) {
    fs.writeFileSync(path.join(folder, 'bin', binary), '#!/bin/sh\n', { mode });
  }
  return path.join(folder, 'bin', binary ?? 'appserver');
}

function rejects(fn, code, ...fragments) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof AppServerBinaryError, String(error));
    assert.ok(error instanceof Error);
    assert.equal(error.code, code);
    for (const fragment of fragments) {
      assert.ok(error.message.includes(fragment), `"${error.message}" lacks "${fragment}"`);
    }
    return true;
  });
}

describe('binaryPath', () => {
  test('every platform package is named codex-appserver-<platform>-<arch>', () => {
    assert.deepEqual(Object.keys(PLATFORM_PACKAGES).sort(),
      ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64', 'win32-arm64', 'win32-x64']);
    for (const [key, name] of Object.entries(PLATFORM_PACKAGES)) {
      assert.equal(name, `codex-appserver-${key}`);
    }
  });

  test('finds bin/appserver of the installed platform package', () => {
    const expected = installPlatformPackage('codex-appserver-linux-x64');

    const found = binaryPath({ env: {}, platform: 'linux', arch: 'x64', paths: [root] });

    assert.equal(fs.realpathSync(found), fs.realpathSync(expected));
  });

  test('finds bin/appserver.exe on Windows', () => {
    const expected = installPlatformPackage('codex-appserver-win32-arm64', { binary: 'appserver.exe', mode: 0o644 });

    const found = binaryPath({ env: {}, platform: 'win32', arch: 'arm64', paths: [root] });

    assert.equal(fs.realpathSync(found), fs.realpathSync(expected));
  });

  test('APPSERVER_BINARY wins over the platform package', () => {
    installPlatformPackage('codex-appserver-linux-x64');
    const own = path.join(root, 'my-build');
    fs.writeFileSync(own, '#!/bin/sh\n', { mode: 0o755 });

    assert.equal(binaryPath({ env: { APPSERVER_BINARY: own }, platform: 'linux', arch: 'x64', paths: [root] }), own);
  });

  test('APPSERVER_BINARY naming nothing is an error naming the variable and the path', () => {
    const missing = path.join(root, 'nothing-here');

    rejects(() => binaryPath({ env: { APPSERVER_BINARY: missing }, platform: 'linux', arch: 'x64' }),
      'BINARY_MISSING', 'APPSERVER_BINARY', missing, 'does not exist');
  });

  test('an unsupported platform/arch is an error listing the supported ones', () => {
    rejects(() => binaryPath({ env: {}, platform: 'freebsd', arch: 'x64', paths: [root] }),
      'UNSUPPORTED_PLATFORM', 'freebsd-x64', 'linux-x64', 'win32-arm64', 'APPSERVER_BINARY');
    rejects(() => binaryPath({ env: {}, platform: 'linux', arch: 'ia32', paths: [root] }),
      'UNSUPPORTED_PLATFORM', 'linux-ia32');
  });

  test('a platform package not installed is an error naming it and the flag that skips optional deps', () => {
    rejects(() => binaryPath({ env: {}, platform: 'darwin', arch: 'arm64', paths: [root] }),
      'PLATFORM_PACKAGE_MISSING', 'codex-appserver-darwin-arm64', 'not installed', '--omit=optional');
  });

  test('a platform package without its binary is an error naming the package and the path', () => {
    const binary = installPlatformPackage('codex-appserver-linux-arm64', { binary: null });

    rejects(() => binaryPath({ env: {}, platform: 'linux', arch: 'arm64', paths: [root] }),
      'BINARY_MISSING', 'codex-appserver-linux-arm64', binary, 'does not exist');
  });

  test('a binary without the execute bit is an error saying so', { skip: process.platform === 'win32' && 'Windows has no execute bit' }, () => {
    installPlatformPackage('codex-appserver-linux-x64', { mode: 0o644 });

    rejects(() => binaryPath({ env: {}, platform: 'linux', arch: 'x64', paths: [root] }),
      'BINARY_NOT_EXECUTABLE', 'codex-appserver-linux-x64', 'not executable');
  });
});
