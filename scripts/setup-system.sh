#!/usr/bin/env bash
# Install the system packages briefs needs (Pango for WeasyPrint, HarfBuzz subsetting,
# fonts; with --test, the PDF tools and browser the tests use) when they are missing.
# Idempotent: prints nothing to do twice.
set -euo pipefail

# What building needs (`make build`): Pango and HarfBuzz for WeasyPrint, the sample's fonts.
PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
  fonts-noto-core fonts-noto-cjk
)
# What the tests add (`make test`, or `scripts/setup-system.sh --test`).
TEST_PACKAGES=(
  fonts-open-sans  # an installed Google font family, for the posit brand.yml test
  poppler-utils qpdf
  gettext       # msgfmt -c checks the exported PO files in the tests
  nodejs        # node and npm: pdfcpu's WebAssembly build (tests/tools) in the standards tests
  chromium      # headless browser for the `briefs serve` end-to-end test (Playwright)
)
if [ "${1:-}" = "--test" ]; then
  PACKAGES+=("${TEST_PACKAGES[@]}")
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "briefs setup: missing system packages: ${missing[*]}" >&2
  echo "briefs setup: this is not a Debian/Ubuntu system; install Pango >= 1.44, HarfBuzz (with libharfbuzz-subset), Noto fonts, poppler-utils and qpdf with your package manager, then run make again." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    echo "briefs setup: missing system packages: ${missing[*]}" >&2
    echo "briefs setup: run this as root, then run make again:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=()
fi

echo "briefs setup: installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
