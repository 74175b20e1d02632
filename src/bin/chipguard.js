#!/usr/bin/env node
// Command-line entry (package.json "bin"): builds the project once if needed, then runs dist/cli.js.
require('./build-if-needed.js').ensureBuilt();
require('../../dist/cli.js').runCli(process.argv);
