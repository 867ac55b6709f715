#!/usr/bin/env bash
# IMAPI_EMU_DRIVES is read once (src/device/emu/drive_list.hpp) for the
# library and the LD_PRELOAD shim: with empty entries and a URI given twice,
# the Nth emulated recorder `imapi drives` lists is the shim's /dev/srN (the
# same disc image), there are as many of one as of the other, and both see
# a drive whose tray is open as holding no medium.
# Usage: test_emu_drive_list.sh IMAPI_BINARY SHIM WORKDIR
set -uo pipefail
imapi=$(realpath "$1"); shim=$(realpath "$2"); work=$3
rm -rf "$work"; mkdir -p "$work"; cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

cd_r=$("$imapi" emu create --media cd-r "$work/cd") || fail "emu create cd-r"
bd_r=$("$imapi" emu create --media bd-r "$work/bd") || fail "emu create bd-r"
dvd=$("$imapi" emu create --media dvd+r "$work/dvd") || fail "emu create dvd+r"
export IMAPI_EMU_DRIVES=";$cd_r;;$bd_r;$cd_r;$dvd;$bd_r;"

"$imapi" drives > drives.txt || fail "drives: $(cat drives.txt)"
# The emulated recorders in the library's order (real drives, if any, come first).
sed -n 's/^[0-9][0-9]*  \(emu:[^ ]*\).*/\1/p' drives.txt > library.txt
printf '%s\n' "$cd_r" "$bd_r" "$dvd" > expected.txt
diff expected.txt library.txt > /dev/null || fail "library lists $(tr '\n' ' ' < library.txt), expected $(tr '\n' ' ' < expected.txt)"

# The shim's /dev/srN: its inode is the disc image's, its minor number N.
LD_PRELOAD=$shim python3 - > shim.txt <<'PY' || fail "stat through the shim"
import os
n = 0
while True:
    try:
        st = os.stat("/dev/sr%d" % n)
    except FileNotFoundError:
        break
    if os.major(st.st_rdev) != 11 or os.minor(st.st_rdev) != n:
        break  # a real drive's node beyond the emulated ones
    print(st.st_ino)
    n += 1
PY
while read -r uri; do stat -c %i "${uri#*dir=}/disc.img"; done < library.txt > library_inodes.txt
diff library_inodes.txt shim.txt > /dev/null ||
  fail "the shim's /dev/sr0.. are images $(tr '\n' ' ' < shim.txt), the library's drives $(tr '\n' ' ' < library_inodes.txt)"

# The same state: with the second drive's tray open, the library reports no
# medium there and the shim's CDROM_DRIVE_STATUS (which reads the drive's
# sense through the same decoder) CDS_NO_DISC; the others hold a disc.
"$imapi" eject 1 || fail "eject 1"
"$imapi" info 1 | grep -q "^media state: no medium$" || fail "the library sees a medium in drive 1 after eject"
"$imapi" info 0 | grep -q "^media state: blank$" || fail "the library sees no blank disc in drive 0"
LD_PRELOAD=$shim python3 - > status.txt <<'PY' || fail "CDROM_DRIVE_STATUS through the shim"
import fcntl, os
CDROM_DRIVE_STATUS = 0x5326
names = {1: "no disc", 2: "tray open", 3: "not ready", 4: "disc ok"}
for n in range(3):
    fd = os.open("/dev/sr%d" % n, os.O_RDONLY | os.O_NONBLOCK)
    print(names.get(fcntl.ioctl(fd, CDROM_DRIVE_STATUS, 0), "?"))
    os.close(fd)
PY
printf '%s\n' "disc ok" "no disc" "disc ok" > status_expected.txt
diff status_expected.txt status.txt > /dev/null || fail "the shim's drive status is $(tr '\n' ',' < status.txt) after ejecting drive 1"
echo "ok: library and shim both see $(wc -l < library.txt) drives, in the same order and the same state"
