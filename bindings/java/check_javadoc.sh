#!/usr/bin/env bash
# Builds the javadoc of imapi.jar's public API with every doclint check as an error,
# and proves the check bites: a copy of the sources with one public method whose
# comment was removed must fail.
#   check_javadoc.sh JAVADOC SOURCE_DIR SWIG_JAVA_DIR OUT_DIR
# The SWIG-generated classes (ImapiNative, ImapiNativeJNI, the struct proxies) are
# package-private: javadoc reads them to resolve types but documents only public API.
set -euo pipefail
javadoc=$1 src=$2 swig=$3 out=$4
run() {  # run OUTPUT_DIR SOURCE_FILES...
  local dir=$1; shift
  "$javadoc" -quiet -Xdoclint:all -Werror -Xmaxwarns 10000 -encoding UTF-8 -docencoding UTF-8 -charset UTF-8 \
    -windowtitle "libimapi for Java" -doctitle "libimapi for Java (org.libimapi)" -d "$dir" "$swig"/*.java "$@"
}
rm -rf "$out" "$out.probe"
run "$out" "$src"/*.java
test -f "$out/org/libimapi/DiscFormat2Data.html"
if grep -rl "ImapiNativeJNI\|class=\"type-name-link\" href=\"imapi_" "$out/org/libimapi" >/dev/null; then
  echo "the generated JNI layer leaked into the public javadoc" >&2; exit 1
fi
# The probe: the same sources with the comment of FsiFileItem.getDataSize removed.
mkdir -p "$out.probe/src"
cp "$src"/*.java "$out.probe/src/"
python3 - "$out.probe/src/FsiFileItem.java" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
t = re.sub(r"    /\*\*(?:(?!\*/).)*\*/\n(    public long getDataSize)", r"\1", s, count=1, flags=re.S)
assert t != s, "the probe found no comment to remove"
open(p, "w", encoding="utf-8").write(t)
PY
if run "$out.probe/doc" "$out.probe/src"/*.java 2>"$out.probe/log"; then
  echo "javadoc accepted a public method without a comment: the check does not bite" >&2; exit 1
fi
grep -q "getDataSize\|FsiFileItem.java" "$out.probe/log" || { cat "$out.probe/log" >&2; exit 1; }
rm -rf "$out.probe"
echo "javadoc: $(find "$out/org/libimapi" -name '*.html' | wc -l) pages, doclint clean; a missing comment fails"
