#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; server-side chart PNGs (DOCX exports, downloads) need
# fonts that cover Arabic and Chinese. Install what is missing (this machine kind runs as root
# with apt-get; `npx playwright install` cannot download here).
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "Missing Debian packages: ${missing[*]} (install them, or set CHROMIUM_PATH)." >&2
  exit 1
fi
echo "Installing Debian's ${missing[*]} for the browser tests and chart images…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
