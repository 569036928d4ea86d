#!/usr/bin/env bash
# Install the web app's browser assets from the npm registry and copy what the app serves
# into src/kadiyan/web/static/vendor/. The app never fetches anything at run time.
set -euo pipefail
cd "$(dirname "$0")/../assets/web"

vendor=../../src/kadiyan/web/static/vendor
stamp=$vendor/.installed
wanted=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    exit 0
fi
if ! command -v npm >/dev/null; then
    echo "npm not found: the graph explorer needs Node.js to install its assets" >&2
    exit 1
fi
npm ci --no-audit --no-fund --silent
rm -rf "$vendor"
mkdir -p "$vendor/fonts"
cp node_modules/cytoscape/dist/cytoscape.min.js "$vendor/"
font=node_modules/@fontsource/noto-sans-devanagari
for weight in 400 700; do
    cp "$font/$weight.css" "$vendor/fonts/noto-sans-devanagari-$weight.css"
done
cp "$font"/files/noto-sans-devanagari-*-{400,700}-normal.woff2 "$vendor/fonts/"
mkdir -p "$vendor/fonts/files"
mv "$vendor"/fonts/*.woff2 "$vendor/fonts/files/"
cp node_modules/cytoscape/LICENSE "$vendor/cytoscape.LICENSE" 2>/dev/null || true
echo "$wanted" > "$stamp"
