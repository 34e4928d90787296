#!/usr/bin/env bash
# Make the sample's press profile, styles/press/FOGRA39L-coated.icc, again: ArgyllCMS's
# colprof builds a CMYK output profile from Fogra's FOGRA39L characterization data as
# Debian's icc-profiles-free ships it (Zlib licence). Not part of `make build`: the profile
# is committed; run this only to change how it is made (apt-get install argyll
# argyll-ref icc-profiles-free first). See styles/press/README.md for the licence.
set -euo pipefail

DATA=/usr/share/color/icc/FOGRA39L.ti3
SRGB=/usr/share/color/argyll/ref/sRGB.icm
TARGET=${1:-styles/press/FOGRA39L-coated.icc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$DATA" "$work/FOGRA39L.ti3"
# -ql: 54 KB (embedded in every press PDF); -nc: without the measurement data; -kr -l 300
# -L 100: ramp black generation, 300% total ink, as FOGRA39 coated offset; -S: perceptual
# and saturation tables mapped from the sRGB gamut, which is what briefs' colours are in.
(cd "$work" && colprof -ql -nc -kr -l 300 -L 100 -S "$SRGB" -A "briefs" \
  -D "briefs FOGRA39L coated (from Fogra's FOGRA39L data)" \
  -C "Zlib licence; data: Fogra FOGRA39L via icc-profiles-free (Kai-Uwe Behrmann)" FOGRA39L)
cp "$work/FOGRA39L.icc" "$TARGET"
echo "wrote $TARGET"
