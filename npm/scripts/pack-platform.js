'use strict';

// Packs one platform package with its binary: `node npm/scripts/pack-platform.js <platform-arch> <binary> <out-dir>`,
// e.g. `node npm/scripts/pack-platform.js linux-x64 artifacts/native/appserver artifacts/npm`.
// The binary is copied into a staging copy of npm/platforms/<platform-arch> as bin/appserver
// (bin/appserver.exe on Windows), so no binary ever lands in the source tree. Prints the tarball's path.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [key, binary, outDir] = process.argv.slice(2);
if (!key || !binary || !outDir) {
  console.error('usage: node pack-platform.js <platform-arch> <binary> <out-dir>');
  process.exit(2);
}

const source = path.resolve(__dirname, '..', 'platforms', key);
if (!fs.existsSync(path.join(source, 'package.json'))) {
  console.error(`pack-platform: no platform package ${key} (npm/platforms has ${fs.readdirSync(path.dirname(source)).join(', ')})`);
  process.exit(2);
}
if (!fs.statSync(binary, { throwIfNoEntry: false })?.isFile()) {
  console.error(`pack-platform: the binary ${binary} does not exist`);
  process.exit(2);
}

const staging = fs.mkdtempSync(path.join(os.tmpdir(), `codex-appserver-${key}-`));
try {
  fs.copyFileSync(path.join(source, 'package.json'), path.join(staging, 'package.json'));
  fs.mkdirSync(path.join(staging, 'bin'));
  const target = path.join(staging, 'bin', key.startsWith('win32-') ? 'appserver.exe' : 'appserver');
  fs.copyFileSync(binary, target);
  fs.chmodSync(target, 0o755);
  fs.mkdirSync(outDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', path.resolve(outDir)], {
    cwd: staging,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  }));
  console.log(path.resolve(outDir, packed[0].filename));
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
