#!/usr/bin/env bash
# The GitHub Action's install step: the gauntlet named by INPUT_PACKAGE (an npm spec or a
# tarball), or else one packed from the action's own checkout; then the lab's Debian packages
# when a lab server is asked for (GitHub's Ubuntu runners have passwordless sudo).
set -euo pipefail

if [ -n "${INPUT_PACKAGE:-}" ]; then
  npm install -g --no-audit --no-fund "$INPUT_PACKAGE"
else
  cd "$GITHUB_ACTION_PATH"
  npm ci --no-audit --no-fund
  npm pack --pack-destination "$RUNNER_TEMP"   # prepack builds dist/
  npm install -g --no-audit --no-fund "$RUNNER_TEMP"/xmpp-gauntlet-*.tgz
fi
gauntlet --version
if [ -n "${INPUT_LAB:-}" ]; then GAUNTLET_INSTALL=yes gauntlet setup lab; fi
