#!/usr/bin/env bash
# Builds codex-appserver, runs its own tests, packs it and the linux-x64 platform package (with the
# given NativeAOT binary), installs both from the tarballs into an empty temporary project, and runs
# npm/test/installed-session.test.js there. Usage: npm/scripts/test-installed.sh <native appserver>
# Leaves the client built in npm/codex-appserver (tests/clients/vscode links to it).
set -euo pipefail
native="$(realpath "$1")"
npm_dir="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$npm_dir"
npm ci --no-audit --no-fund --loglevel=error
cd codex-appserver
npm run build
node --test

npm pack --silent --ignore-scripts --pack-destination "$work" > /dev/null  # just built
node "$npm_dir/scripts/pack-platform.js" linux-x64 "$native" "$work" > /dev/null

mkdir "$work/project"
cd "$work/project"
echo '{ "name": "installed-package-test", "version": "0.0.0", "private": true }' > package.json
# Only the registry is reached (for vscode-jsonrpc); both codex-appserver packages come from the tarballs.
npm install --no-audit --no-fund --loglevel=error "$work"/codex-appserver-[0-9]*.tgz "$work"/codex-appserver-linux-x64-*.tgz
cp "$npm_dir/test/installed-session.test.js" .
env -u APPSERVER_BINARY node --test
