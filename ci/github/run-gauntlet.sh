#!/usr/bin/env bash
# The GitHub Action's main step (action.yml): turns the INPUT_* variables into one gauntlet
# command line and exits with gauntlet's exit code (docs/exit-codes.md). Inputs arrive as
# environment variables, never pasted into the script, so no input can inject shell code.
set -uo pipefail

args=("${INPUT_COMMAND:-check}")
add() { if [ -n "$2" ]; then args+=("$1" "$2"); fi; }
lines() { while IFS= read -r line; do [ -n "$line" ] && args+=("$1" "$line"); done <<< "$2"; }

case "${INPUT_COMMAND:-check}" in
  check)
    if [ -n "${INPUT_DOMAIN:-}" ]; then args+=("$INPUT_DOMAIN"); fi
    add --lab "${INPUT_LAB:-}"
    add --host "${INPUT_HOST:-}"
    add --port "${INPUT_PORT:-}"
    add --direct-port "${INPUT_DIRECT_PORT:-}"
    add --ca "${INPUT_CA:-}"
    add --user "${INPUT_USER:-}"
    if [ -n "${INPUT_PASSWORD:-}" ]; then args+=(--password-env GAUNTLET_PASSWORD); fi
    if [ "${INPUT_REGISTER:-false}" = true ]; then args+=(--register); fi
    add --checks "${INPUT_CHECKS:-}"
    add --skip-checks "${INPUT_SKIP_CHECKS:-}"
    add --expect "${INPUT_EXPECT:-}"
    add --require "${INPUT_REQUIRE:-}"
    add --out "${INPUT_OUT:-}"
    add --junit "${INPUT_JUNIT:-}"
    ;;
  run)
    if [ -z "${INPUT_SCENARIO:-}" ]; then echo "::error::command 'run' needs the 'scenario' input"; exit 2; fi
    args+=("$INPUT_SCENARIO")
    lines --env "${INPUT_ENV:-}"
    add --out "${INPUT_OUT:-}"
    add --junit "${INPUT_JUNIT:-}"
    ;;
  compare)
    if [ -z "${INPUT_BASELINE:-}" ] || [ -z "${INPUT_CANDIDATE:-}" ]; then
      echo "::error::command 'compare' needs the 'baseline' and 'candidate' inputs"; exit 2
    fi
    args+=("$INPUT_BASELINE" "$INPUT_CANDIDATE")
    add --tolerance "${INPUT_TOLERANCE:-}"
    add --html "${INPUT_HTML:-}"
    ;;
  *)
    echo "::error::unknown command '${INPUT_COMMAND}': use check, run or compare"; exit 2 ;;
esac
# Extra arguments, one per line, passed as they are.
while IFS= read -r line; do [ -n "$line" ] && args+=("$line"); done <<< "${INPUT_ARGS:-}"

export GAUNTLET_PASSWORD="${INPUT_PASSWORD:-}"
# The command line for the log, with --env values hidden (they may hold passwords).
shown=() hide=false
for arg in "${args[@]}"; do
  if $hide; then shown+=("${arg%%=*}=***"); hide=false; else shown+=("$arg"); fi
  [ "$arg" = --env ] && hide=true
done
echo "gauntlet ${shown[*]}"
gauntlet "${args[@]}"
code=$?
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ -n "${INPUT_JUNIT:-}" ] && [ -f "$INPUT_JUNIT" ] && [ "${INPUT_COMMAND:-check}" != compare ]; then
  echo "::notice::JUnit XML written to $INPUT_JUNIT: publish it with a step that has 'if: always()' (docs/ci.md)"
fi
exit "$code"
