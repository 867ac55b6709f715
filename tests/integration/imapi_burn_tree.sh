#!/usr/bin/env bash
# `imapi burn --tree` straight from a conformance tree (make_tree.py) onto an
# emulated BD-R, mastered on the fly (no image file anywhere), then the disc
# read as the source by the readers of VALIDATION.md:
#   iso   --fs iso9660,joliet,rockridge: check_image.py (xorriso, isoinfo,
#         pycdlib, bsdtar, iso-info, 7z) on every namespace
#   udf   the medium's defaults (ChooseImageDefaultsForMediaType: UDF 2.50 on
#         BD): check_udf.py (udfinfo, 7-Zip, libudfread, our reader)
# and, through the shim, xorriso -osirrox extracting the ISO tree from the drive.
# The disc is added to KERNEL_LIST for the one QEMU boot of kernel_burned.py.
#
# Usage: imapi_burn_tree.sh TREE FORM SHIM_SO IMAPI_CLI UDFREAD_EXTRACT WORKDIR KERNEL_LIST
set -uo pipefail
tree=$1 form=$2 shim=$(realpath "$3") cli=$(realpath "$4") udfread=$5 work=$6 kernel_list=$7
here=$(dirname "$(realpath "${BASH_SOURCE[0]}")")
tools=$here/../conformance/tools
for t in xorriso; do command -v $t >/dev/null || { echo "SKIP: $t is not installed"; exit 77; }; done
rm -rf "$work"; mkdir -p "$work"; work=$(realpath "$work"); cd "$work" || exit 1
mkdir -p "$(dirname "$kernel_list")"; kernel_list=$(realpath -m "$kernel_list")
name="tree-$tree-$form"
sed -i "\|^$name	|d" "$kernel_list" 2>/dev/null || true
fail() { echo "FAIL [$name]: $*"; for f in "$work"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -n 25 "$f"; }; done; exit 1; }

/usr/bin/python3 "$tools/make_tree.py" "$tree" "$work/src" > make_tree.log 2>&1 || fail "make_tree.py $tree"
mkdir -p disc
URI="emu:bd-r?dir=$work/disc&polls=0"
case "$form" in
  iso) fs=(--fs iso9660,joliet,rockridge) ;;
  udf) fs=(--volume BURNED) ;;
  *) echo "usage: FORM is iso or udf"; exit 2 ;;
esac
timeout 600 "$cli" burn --close "${fs[@]}" "$URI" --tree "$work/src" > burn.log 2>&1 ||
  fail "imapi burn --tree: $(tail -n 3 burn.log)"
find "$work" -maxdepth 1 -name '*.iso' | grep -q . && fail "an image file was left in the work directory"
case "$form" in
  iso)
    # Every reader; on the 10,000-file tree the fastest, xorriso (the conformance tests run the rest on it).
    readers=()
    [ "$tree" = wide10k ] && readers=(--readers xorriso)
    /usr/bin/python3 "$tools/check_image.py" --image disc/disc.img --source "$work/src" \
      --expect iso9660,joliet,rockridge --relocation none "${readers[@]}" > check.log 2>&1 || fail "check_image.py: $(grep -v '^ok' check.log | tail -n 20)"
    rm -rf out
    LD_PRELOAD=$shim IMAPI_EMU_DRIVES=$URI timeout 300 xorriso -osirrox on -indev /dev/sr0 -extract / "$work/out" \
      > extract.log 2>&1 || fail "xorriso -extract through the drive"
    # Deep directories stay where they are (no relocation by default): the extraction is the source exactly.
    diff -r --no-dereference "$work/src" "$work/out" > diff.log 2>&1 ||
      fail "xorriso's extraction from the drive differs"
    printf '%s\t%s\tiso9660\t\t%s\n' "$name" "$work/disc/disc.img" "$work/src" >> "$kernel_list"
    ;;
  udf)
    /usr/bin/python3 "$tools/check_udf.py" --image disc/disc.img --source "$work/src" --revision 2.50 --label BURNED \
      --udfread "$udfread" --imapi "$cli" > check.log 2>&1 || fail "check_udf.py: $(tail -n 20 check.log)"
    printf '%s\t%s\tudf\t\t%s\n' "$name" "$work/disc/disc.img" "$work/src" >> "$kernel_list"
    ;;
esac
echo "PASS [$name]: $(grep 'sectors written' burn.log)"
