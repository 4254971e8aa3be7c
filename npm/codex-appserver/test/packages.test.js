'use strict';

// The main package and the six platform packages must agree: one optional dependency per platform
// package, at the same version, each with os/cpu fields npm uses to install only the matching one.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { PLATFORM_PACKAGES } = require('..');

const main = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const platformsDir = path.join(__dirname, '..', '..', 'platforms');

test('one optional dependency per platform package, pinned to the main version', () => {
  assert.deepEqual(Object.keys(main.optionalDependencies).sort(), Object.values(PLATFORM_PACKAGES).sort());
  for (const version of Object.values(main.optionalDependencies)) {
    assert.equal(version, main.version);
  }
});

test('each platform package has its name, the main version, os/cpu and ships only bin/', () => {
  assert.deepEqual(fs.readdirSync(platformsDir).sort(), Object.keys(PLATFORM_PACKAGES).sort());
  for (const [key, name] of Object.entries(PLATFORM_PACKAGES)) {
    const manifest = JSON.parse(fs.readFileSync(path.join(platformsDir, key, 'package.json'), 'utf8'));
    const [os, cpu] = key.split('-');
    assert.equal(manifest.name, name);
    assert.equal(manifest.version, main.version, name);
    assert.deepEqual(manifest.os, [os], name);
    assert.deepEqual(manifest.cpu, [cpu], name);
    assert.deepEqual(manifest.files, ['bin'], name);
    assert.ok(!fs.existsSync(path.join(platformsDir, key, 'bin')), `${name}: bin/ is placed at pack time, never kept in the tree`);
  }
});

test('the packed main package ships the compiled client and its declarations', () => {
  assert.deepEqual(main.files, ['dist', 'README.md']);
  for (const file of ['index.js', 'index.d.ts', 'generated/methods.js', 'generated/AppServerProtocol.d.ts']) {
    assert.ok(fs.existsSync(path.join(__dirname, '..', 'dist', file)), `dist/${file} is missing: npm run build`);
  }
});

test('the build compiles against the vscode-jsonrpc version the package depends on', () => {
  const build = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
  assert.equal(build.devDependencies['vscode-jsonrpc'], main.dependencies['vscode-jsonrpc']);
  assert.deepEqual(Object.keys(main.dependencies), ['vscode-jsonrpc']);
});

test('pack-platform packs every platform package with its binary at bin/appserver[.exe]', (t) => {
  const { execFileSync } = require('node:child_process');
  const os = require('node:os');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'codex-appserver-pack-'));
  t.after(() => fs.rmSync(work, { recursive: true, force: true }));
  const binary = path.join(work, 'placeholder-binary');
  fs.writeFileSync(binary, 'not a real binary: packing only');

  for (const [key, name] of Object.entries(PLATFORM_PACKAGES)) {
    const script = path.join(__dirname, '..', '..', 'scripts', 'pack-platform.js');
    const tarball = execFileSync(process.execPath, [script, key, binary, work], { encoding: 'utf8' }).trim();

    assert.equal(path.basename(tarball), `${name}-${main.version}.tgz`);
    const entries = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const exe = key.startsWith('win32-') ? 'appserver.exe' : 'appserver';
    assert.deepEqual(entries.map((line) => line.split(/\s+/).pop()).sort(), [`package/bin/${exe}`, 'package/package.json'], name);
    assert.match(entries.find((line) => line.endsWith(`bin/${exe}`)), /^-rwxr-xr-x/, `${name}: the binary keeps its execute bit`);
  }
});
