#!/usr/bin/env bash
# Export the committed HEAD of this repository to a folder, so that a benchmark measures
# one known commit even while the work tree changes. Prints the folder.
#   APP_DIR=$(bench/snapshot.sh) bench/run.sh sqlite 1000
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse --short HEAD)"
dest="${1:-/tmp/congtin-src-$commit}"
rm -rf "$dest"
mkdir -p "$dest"
git -C "$repo" archive HEAD | tar -x -C "$dest"
echo "$commit" >"$dest/.bench-commit"
echo "$dest"
