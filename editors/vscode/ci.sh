#!/usr/bin/env bash
# The VS Code extension in CI (issue 20): install exactly the locked npm
# packages, run the grammar tests (tests/*.jx, vscode-tmgrammar-test) and
# the client's (tests/client.test.js, node with a fake vscode), and package
# the extension to jixiao.vsix with @vscode/vsce. Run by
# `cargo test --test vscode_extension -- --ignored` (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)
npm ci --no-audit --no-fund --loglevel=error
npm run --silent test:grammar
npm run --silent test:client
rm -f jixiao.vsix
npm run --silent package
echo "ci.sh: $(($(date +%s) - start)) s"
