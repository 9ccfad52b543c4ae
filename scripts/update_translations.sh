#!/usr/bin/env bash
# Refresh the Qt Linguist catalogues from the source and compile them.
#
# 1. pyside6-lupdate collects every translate()/tr() string of the UI into the .ts
#    files (keeping existing translations; obsolete ones are dropped).
# 2. English is the source language, so its catalogue is filled with identity
#    translations: every string then counts as translated and lrelease stays quiet.
# 3. pyside6-lrelease compiles both to the .qm files the kiosk loads at run time.
# Translate new Chinese strings in resources/i18n/kiosk_zh_CN.ts (pyside6-linguist or
# any editor), then run this again. Both .ts and .qm are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=".venv/bin"
[ -x "$BIN/pyside6-lupdate" ] || BIN="$(dirname "$(command -v pyside6-lupdate)")"
SOURCES=$(find kiosk/ui kiosk/qt -name '*.py' | sort)
I18N=resources/i18n

"$BIN/pyside6-lupdate" -no-obsolete -source-language en -target-language zh_CN \
    $SOURCES -ts "$I18N/kiosk_zh_CN.ts"
"$BIN/pyside6-lupdate" -no-obsolete -source-language en -target-language en \
    $SOURCES -ts "$I18N/kiosk_en.ts"

python3 - "$I18N/kiosk_en.ts" <<'PY'
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
tree = ET.parse(path)
for message in tree.iter("message"):
    translation = message.find("translation")
    translation.text = message.findtext("source")
    translation.attrib.pop("type", None)
tree.write(path, encoding="utf-8", xml_declaration=True)
PY

"$BIN/pyside6-lrelease" "$I18N/kiosk_zh_CN.ts" "$I18N/kiosk_en.ts"

# Fail loudly if a Chinese string is still untranslated: every patron text must be.
if grep -q 'type="unfinished"' "$I18N/kiosk_zh_CN.ts"; then
    echo "untranslated strings remain in $I18N/kiosk_zh_CN.ts" >&2
    exit 1
fi
