'use strict';

// Build step: the client is typed by the TypeScript that `appserver-dev generate-ts` writes to
// schema/typescript. It is copied (never edited) into src/generated/ so tsc compiles it into this
// package; a protocol change then changes or breaks this build, never silently passes it.
const fs = require('node:fs');
const path = require('node:path');

const source = path.resolve(__dirname, '../../../schema/typescript');
const target = path.resolve(__dirname, '../src/generated');
const files = fs.existsSync(source) ? fs.readdirSync(source).filter((name) => name.endsWith('.ts')) : [];
if (!files.includes('AppServerProtocol.ts') || !files.includes('methods.ts')) {
  console.error(`sync-schema: ${source} lacks AppServerProtocol.ts or methods.ts; run \`dotnet run --project src/AppServer.Dev -- generate-ts --out schema/typescript\` from the repository root.`);
  process.exit(1);
}

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
for (const name of files) {
  fs.copyFileSync(path.join(source, name), path.join(target, name));
}
console.log(`sync-schema: ${files.join(', ')} from schema/typescript`);
