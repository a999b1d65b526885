#!/usr/bin/env bash
# The README's set-up commands, read from its "## Set up" section (the first ```sh block there, not a
# copy), run in a fresh clone in a temporary folder with no ../shared beside it and without
# OBSGEN_REQUIRE_TOOLS: what a new user gets. Every test must pass or skip with its notice.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

commands="$(awk '
  /^## / { in_setup = ($0 == "## Set up"); next }
  in_setup && /^```sh$/ && !done { in_block = 1; next }
  in_block && /^```$/ { in_block = 0; done = 1; next }
  in_block { sub(/[ \t]+#.*$/, ""); if ($0 != "") print }
' "$repo/README.md")"
if [ -z "$commands" ]; then
  echo "README.md: no \`\`\`sh block under '## Set up'" >&2
  exit 1
fi

git clone --quiet "$repo" "$work/obsgen"
cd "$work/obsgen"
[ ! -e ../shared ] || { echo "readme-setup: $work/shared exists; the run must have no corpora" >&2; exit 1; }
while IFS= read -r command; do
  echo "+ (README, fresh clone) $command"
  env -u OBSGEN_REQUIRE_TOOLS bash -euo pipefail -c "$command"
done <<<"$commands"
git status --porcelain --untracked-files=no | { ! grep . ; } || { echo "readme-setup: the README's commands changed tracked files (generated/ out of date?)" >&2; exit 1; }
echo "readme-setup: the README's set-up commands passed in a fresh clone without ../shared"
