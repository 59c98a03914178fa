#!/bin/sh
# Writes a Swift file holding every file under a folder as a string literal (a StaticString: the bytes
# sit in the binary's read-only data and cost nothing to reach), keyed by its path relative to the folder.
# Usage: embed.sh RESOURCES OUTPUT.swift   (run by the EmbedResources build-tool plugin)
# Every resource must be UTF-8 text without control characters other than tab, CR and LF.
set -eu
root=$1
out=$2
export LC_ALL=C
files=$(cd "$root" && find . -type f | sort)
# One path a line (a path may hold spaces).
IFS='
'

# One file as the body of a Swift string literal: \ " tab CR escaped, each LF written as \n.
literal() {
    awk '
        { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r") }
        NR > 1 { printf "\\n" }
        { printf "%s", $0 }
    ' "$1"
    # awk cannot tell whether the last line ended in a newline; the file can.
    if [ -s "$1" ] && [ "$(tail -c 1 "$1" | od -An -tx1 | tr -d ' ')" = "0a" ]; then printf '\\n'; fi
}

{
    echo "// Generated from Resources/ at build time by Plugins/EmbedResources/embed.sh. Do not edit."
    echo
    echo "enum EmbeddedResources {"
    echo "    /// Every file under Resources/, keyed by its path relative to Resources/."
    echo "    static func file(_ path: String) -> StaticString? {"
    echo "        switch path {"
    for file in $files; do
        relative=${file#./}
        path=$root/$relative
        if ! iconv -f UTF-8 -t UTF-8 "$path" > /dev/null 2>&1; then
            echo "embed.sh: Resources/$relative is not UTF-8 text" >&2
            exit 1
        fi
        if tr -d '\t\r\n' < "$path" | od -An -tx1 | grep -Eq ' (0[0-9a-f]|1[0-9a-f]|7f)'; then
            echo "embed.sh: Resources/$relative holds control characters" >&2
            exit 1
        fi
        printf '        case "%s": return "%s"\n' "$relative" "$(literal "$path")"
    done
    echo "        default: return nil"
    echo "        }"
    echo "    }"
    echo
    echo "    /// The paths of every embedded file, sorted."
    echo "    static let paths: [String] = ["
    for file in $files; do
        printf '        "%s",\n' "${file#./}"
    done
    echo "    ]"
    echo "}"
} > "$out.tmp"
mv "$out.tmp" "$out"
