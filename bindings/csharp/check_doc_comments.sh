#!/bin/sh
# The C# API reference is complete and enforced: the Imapi project builds with
# its XML documentation and warnings as errors, and the same project with one
# public member's doc comment removed fails with CS1591 naming that member.
#   usage: check_doc_comments.sh SOURCE_DIR(bindings/csharp) SWIG_CS_DIR WORK_DIR
set -eu
src=$1 swig=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
build() { # DIR LOG
  ImapiDotnetOut="$1/out/" dotnet build "$1/Imapi/Imapi.csproj" -c Release --nologo \
    -p:ImapiSwigCsDir="$swig" -p:ImapiVersion=0.0.0 >"$2" 2>&1
}

cp -r "$src/Imapi" "$src/Directory.Build.props" "$src/nuget.config" "$work/"
build "$work" "$work/complete.log" || { cat "$work/complete.log"; echo "FAIL: the documented project does not build"; exit 1; }
xml=$(find "$work/out" -name Imapi.xml | head -n 1)
test -n "$xml" || { echo "FAIL: no Imapi.xml was generated"; exit 1; }
grep -q 'M:Imapi.ImapiJob.Cancel' "$xml" || { echo "FAIL: Imapi.xml lacks ImapiJob.Cancel"; exit 1; }
echo "ok: documented build passes, $(grep -c '<member name=' "$xml") members in Imapi.xml"

# Strip the /// block right above `public void Cancel()` of ImapiJob.
file="$work/Imapi/ImapiJob.cs"
awk '
  { lines[NR] = $0 }
  END {
    for (i = 1; i <= NR; i++) if (lines[i] ~ /^[ \t]*public void Cancel\(\)/) target = i
    if (!target) { print "no Cancel() in ImapiJob.cs" > "/dev/stderr"; exit 2 }
    first = target
    while (first > 1 && lines[first - 1] ~ /^[ \t]*\/\/\//) first--
    if (first == target) { print "Cancel() has no doc comment to strip" > "/dev/stderr"; exit 2 }
    for (i = 1; i <= NR; i++) if (i < first || i >= target) print lines[i]
  }' "$file" > "$file.stripped"
mv "$file.stripped" "$file"
rm -rf "$work/out"
if build "$work" "$work/stripped.log"; then
  echo "FAIL: the build passed with ImapiJob.Cancel() undocumented"; exit 1
fi
grep -q "error CS1591.*'ImapiJob.Cancel()'" "$work/stripped.log" || { cat "$work/stripped.log"; echo "FAIL: no CS1591 error for ImapiJob.Cancel()"; exit 1; }
echo "ok: removing ImapiJob.Cancel()'s doc comment fails the build with CS1591"
