#!/bin/sh
# run.sh - build the fuzz targets with clang (libFuzzer, ASan, UBSan) and
# run each for SECONDS (default 180) on a seed corpus made from the sample
# plans. Needs a configured tree (config.h) and Debian's clang and
# libclang-rt-14-dev. Findings land in tests/fuzz/out/.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-180}
out="$top/tests/fuzz/out"
mkdir -p "$out"
command -v clang >/dev/null || { echo "fuzz: clang is not installed (apt-get install clang libclang-rt-14-dev)"; exit 77; }
[ -f "$top/config.h" ] || { echo "fuzz: run ./configure first"; exit 1; }
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I$top \
	$(pkg-config --cflags libutf8proc libsodium sqlite3 zlib libzip expat)"
libs="$(pkg-config --libs libutf8proc libsodium sqlite3 zlib libzip expat)"
srcs="$top/core/*.c $top/db/*.c"
targets=${FUZZ_TARGETS:-document docx schedule bundle}
for target in $targets; do
	# shellcheck disable=SC2086
	clang $flags -DPKGDATADIR='""' -DLOCALEDIR='""' -o "$out/fuzz_$target" \
		"$top/tests/fuzz/fuzz_$target.c" $srcs $libs
done
corpus="$out/corpus_document"
mkdir -p "$corpus" "$out/corpus_schedule" "$out/corpus_bundle" "$out/corpus_docx"
# The bundle target writes real payloads into its corpus as it starts.
export DONDOC_FUZZ_SEEDS="$out/corpus_bundle"
cp "$top"/tests/data/samples/*.txt "$top"/tests/data/prose-*.txt "$corpus/"
grep -h -o -P '\t(Quý|Tháng|Trước|Trong|Thường|Năm|Theo|Sau|Từ|Kỳ)[^\t]*' \
	"$top"/tests/data/samples/*.txt | sort -u | head -200 | while IFS= read -r line; do
	printf '%s' "$line" > "$out/corpus_schedule/$(printf '%s' "$line" | cksum | cut -d' ' -f1)"
done
# Word files whole (first byte odd), and the XML of their document,
# numbering and styles parts for the target to zip (first byte even).
for f in "$top"/tests/data/docx/*.docx "$top"/tests/data/docx/hostile/*; do
	{ printf '\001'; cat "$f"; } > "$out/corpus_docx/whole-$(basename "$f")"
	if command -v unzip >/dev/null; then
		{ printf '\002'; unzip -p "$f" word/document.xml 2>/dev/null | head -c 40000
		  printf '\000'; unzip -p "$f" word/numbering.xml 2>/dev/null | head -c 12000
		  printf '\000'; unzip -p "$f" word/styles.xml 2>/dev/null | head -c 12000
		} > "$out/corpus_docx/xml-$(basename "$f")"
	fi
done
export DONDOC_AGENCIES="$top/core/agencies.txt"
for target in $targets; do
	echo "== fuzz_$target for $seconds s"
	"$out/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
		-artifact_prefix="$out/" "$out/corpus_$target" 2>&1 | tail -n 3
done
