#!/usr/bin/env bash
# Refresh the Mermaid script the docs site ships (docs/assets/mermaid/), so that the site
# draws its diagrams offline (a government intranet): the pinned npm package's minified
# build and its licence, nothing else. mkdocs.yml loads it (extra_javascript); Material
# then uses it instead of fetching mermaid from a CDN. Needs npm; run after changing
# VERSION, then commit the two files.
set -euo pipefail
VERSION=11.17.2
cd "$(dirname "$0")/.."
out=docs/assets/mermaid
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "mermaid@$VERSION" >/dev/null && tar -xzf mermaid-"$VERSION".tgz)
mkdir -p "$out"
cp "$work/package/dist/mermaid.min.js" "$out/mermaid.min.js"
cp "$work/package/LICENSE" "$out/LICENSE"
printf 'mermaid %s from npm (npm pack mermaid@%s): dist/mermaid.min.js and LICENSE\n' \
  "$VERSION" "$VERSION" >"$out/VERSION"
ls -l "$out"
