#!/bin/sh
# Makes the app icons in assets/ (committed; run again only to change the design):
# the kanji 台 (台帳, ledger) in white on a dark blue rounded square.
#   assets/icon.ico            Windows: 16, 24, 32, 48, 64, 128 and 256 px in one file
#   assets/icons/NxN.png       Linux: 16 … 512 px, the layout electron-builder expects
# Needs ImageMagick 6 (`convert`) and Noto Sans CJK JP Bold (Debian: imagemagick, fonts-noto-cjk).
set -eu

cd "$(dirname "$0")/.."
font=Noto-Sans-CJK-JP-Bold
command -v convert >/dev/null || { echo "make-icons: ImageMagick's convert is missing (apt-get install imagemagick)" >&2; exit 1; }
convert -list font | grep -q "Font: $font\$" || { echo "make-icons: font $font is missing (apt-get install fonts-noto-cjk)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Drawn once at 1024 px and scaled down. The glyph is trimmed to its ink and centred, so
# it sits in the middle whatever the font's ascent and descent.
convert -size 1024x1024 xc:none -fill '#1b3a6b' -draw 'roundrectangle 40,40 983,983 190,190' "$work/square.png"
convert -background none -fill white -font "$font" -pointsize 900 label:台 -trim +repage -resize 600x600 "$work/glyph.png"
convert "$work/square.png" "$work/glyph.png" -gravity center -composite "$work/master.png"

# No time stamps in the files, so making them again gives the same bytes.
png() { convert "$work/master.png" -resize "$1x$1" -strip -define png:exclude-chunks=date,time "$2"; }

mkdir -p assets/icons
for size in 16 24 32 48 64 128 256 512; do png "$size" "assets/icons/${size}x${size}.png"; done
convert "$work/master.png" -strip -define icon:auto-resize=256,128,64,48,32,24,16 assets/icon.ico
echo "make-icons: wrote assets/icon.ico and assets/icons/{16..512}x{16..512}.png"
