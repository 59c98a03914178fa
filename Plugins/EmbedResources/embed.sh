#!/bin/sh
# Writes a Swift file holding every file under a folder as base64, keyed by its path relative to it.
# Usage: embed.sh RESOURCES OUTPUT.swift   (run by the EmbedResources build-tool plugin)
set -eu
root=$1
out=$2
{
    echo "// Generated from Resources/ at build time by Plugins/EmbedResources/embed.sh. Do not edit."
    echo
    echo "enum EmbeddedResources {"
    echo "    /// Every file under Resources/, as base64, keyed by its path relative to Resources/."
    echo "    static let base64: [String: String] = ["
    (cd "$root" && find . -type f | LC_ALL=C sort) | while IFS= read -r file; do
        relative=${file#./}
        printf '        "%s": "%s",\n' "$relative" "$(base64 -w0 < "$root/$relative")"
    done
    echo "    ]"
    echo "}"
} > "$out.tmp"
mv "$out.tmp" "$out"
