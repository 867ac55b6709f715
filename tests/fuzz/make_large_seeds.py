#!/usr/bin/env python3
"""Writes the seeds that reach past an image's first blocks (issue 10, point 9).

The fuzz targets take inputs of up to 128 blocks (ISO) and 412 sectors (UDF),
but the seeds made from small trees stop long before, so the fuzzer seldom
builds what the hostile-image defects needed. These seeds have it, each under
200 KB, byte for byte the same on every run:

  corpus/iso/large-*  crafted ISO 9660 + Rock Ridge images of more than 40
                      blocks: an NM name chained through ten CE areas, the
                      56,000-byte NM bomb (32 areas of 7 pieces), a CE chain
                      that loops, a full three-block directory of 45 files
                      whose data lies out to block 98, and a CLI-made image with a
                      4,000-byte link target (SL through a CE area).
  corpus/udf/large-*  UDF 1.02 and 2.01 images made by the CLI whose file of
                      12,345 bytes is rewritten with several extents: recorded,
                      allocated-unrecorded and unallocated ones, a chain of two
                      allocation extent descriptors, and 200 GiB of holes.

The ISO seeds are the image from block 16 on (fuzz_iso_reader lays its input
there); the UDF seeds are the sectors fuzz_udf_reader lays its input over.
Usage: make_large_seeds.py IMAPI_CLI
"""
import os
import struct
import subprocess
import sys
import tempfile

B = 2048
HERE = os.path.dirname(os.path.abspath(__file__))


# ---- ISO 9660 + Rock Ridge -----------------------------------------------------------

def both32(v):
    return struct.pack('<I', v) + struct.pack('>I', v)


def both16(v):
    return struct.pack('<H', v) + struct.pack('>H', v)


def dir_record(extent, size, flags, ident, su=b''):
    """An ECMA-119 directory record (9.1) with system use bytes `su`."""
    pad = b'\0' if len(ident) % 2 == 0 else b''
    length = 33 + len(ident) + len(pad) + len(su)
    length += length % 2
    rec = bytearray(length)
    rec[0] = length
    rec[2:10] = both32(extent)
    rec[10:18] = both32(size)
    rec[18:25] = bytes([123, 11, 14, 12, 0, 0, 0])  # 2023-11-14 12:00:00 UTC
    rec[25] = flags
    rec[28:32] = both16(1)
    rec[32] = len(ident)
    rec[33:33 + len(ident)] = ident
    at = 33 + len(ident) + len(pad)
    rec[at:at + len(su)] = su
    return bytes(rec)


def susp(sig, body):
    return sig + bytes([4 + len(body), 1]) + body


def sp():
    return susp(b'SP', b'\xbe\xef\0')


def nm(text, more):
    return susp(b'NM', bytes([1 if more else 0]) + text)


def ce(block, offset, length):
    return susp(b'CE', both32(block) + both32(offset) + both32(length))


def px(mode):
    return susp(b'PX', both32(mode) + both32(1) + both32(0) + both32(0) + both32(0))


class Iso:
    """An image of `blocks` zeroed blocks with a primary descriptor whose root is at `root`."""

    def __init__(self, blocks, root=18, root_size=B):
        self.img = bytearray(blocks * B)
        pvd = bytearray(B)
        pvd[0] = 1
        pvd[1:6] = b'CD001'
        pvd[6] = 1
        pvd[40:72] = b'FUZZ SEED'.ljust(32)
        pvd[80:88] = both32(blocks)
        pvd[120:124] = both16(1)
        pvd[124:128] = both16(1)
        pvd[128:132] = both16(B)
        pvd[156:190] = dir_record(root, root_size, 0x02, b'\0')
        pvd[881] = 1
        self.put(16, bytes(pvd))
        term = bytearray(B)
        term[0] = 255
        term[1:6] = b'CD001'
        term[6] = 1
        self.put(17, bytes(term))

    def put(self, block, data, offset=0):
        at = block * B + offset
        self.img[at:at + len(data)] = data

    def directory(self, block, own, parent, records, size=B, root=False):
        """`records` after '.' (with SP when `root`) and '..'; packed, never across a block."""
        out = bytearray(size)
        recs = [dir_record(block, size, 0x02, b'\0', sp() + px(0o40755) if root else px(0o40755)),
                dir_record(parent, B, 0x02, b'\1')] + records
        pos = 0
        for r in recs:
            if pos // B != (pos + len(r) - 1) // B:
                pos = (pos // B + 1) * B
            out[pos:pos + len(r)] = r
            pos += len(r)
        self.put(block, bytes(out))

    def seed(self):
        return bytes(self.img[16 * B:])


def ce_chain_name(areas=10, piece=24, first=19, total_blocks=72):
    """A file whose 240-byte Rock Ridge name continues through `areas` CE areas; its data at block 66."""
    iso = Iso(total_blocks)
    name = []
    for a in range(areas):
        text = bytes([ord('a') + a]) * piece
        name.append(text)
        last = a == areas - 1
        area = nm(text, not last) + (b'' if last else ce(first + a + 1, 0, B))
        iso.put(first + a, area)
    f = dir_record(66, 3000, 0, b'A;1', px(0o100644) + nm(b'', True) + ce(first, 0, B))
    sub = dir_record(40, B, 0x02, b'SUB', px(0o40755) + nm(b'subdirectory', False))
    iso.directory(18, 18, 18, [f, sub], root=True)
    g = dir_record(68, 5000, 0, b'B;1', px(0o100644) + nm(b'b' * 150, False))
    iso.directory(40, 40, 18, [g])
    iso.put(66, b'A' * 3000)
    iso.put(68, b'B' * 5000)
    return iso.seed()


def ce_chain_bomb(areas=32, per_area=7):
    """The NM bomb of issue 10: 32 chained CE areas of 7 pieces of 250 bytes (a 56,000-byte name)."""
    blocks = 19 + areas + 1
    iso = Iso(blocks)
    for a in range(areas):
        area = b''
        for k in range(per_area):
            last = a == areas - 1 and k == per_area - 1
            area += nm(bytes([ord('a') + k % 26]) * 250, not last)
        if a + 1 < areas:
            area += ce(19 + a + 1, 0, B)
        iso.put(19 + a, area)
    f = dir_record(0, 0, 0, b'A;1', nm(b'x', True) + ce(19, 0, B))
    iso.directory(18, 18, 18, [f], root=True)
    return iso.seed()


def ce_loop(areas=24):
    """CE areas chained in a circle (the last points back at the first), in a 48-block image."""
    iso = Iso(48)
    for a in range(areas):
        iso.put(19 + a, nm(b'loop', True) + ce(19 + (a + 1) % areas, 0, B))
    f = dir_record(0, 0, 0, b'A;1', nm(b'x', True) + ce(19, 0, B))
    iso.directory(18, 18, 18, [f], root=True)
    return iso.seed()


def wide_directory(files=45, blocks=100):
    """A full three-block root of `files` files, each with a Rock Ridge name and data out to block 98."""
    iso = Iso(blocks, root_size=3 * B)
    recs = []
    for i in range(files):
        data_block = 54 + i
        ident = b'F%04d.TXT;1' % i
        recs.append(dir_record(data_block, 100 + i, 0, ident,
                               px(0o100644) + nm(b'file number %d with a longer name' % i, False)))
        iso.put(data_block, bytes([0x30 + i % 10]) * (100 + i))
    iso.directory(18, 18, 18, recs, size=3 * B, root=True)
    return iso.seed()


# ---- UDF, from an image the CLI made ------------------------------------------------------

def crc_itu_t(data):
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def reseal(img, at, length):
    """A descriptor's CRC length, CRC and tag checksum after a change (ECMA-167 3/7.2)."""
    struct.pack_into('<H', img, at + 10, length - 16)
    struct.pack_into('<H', img, at + 8, crc_itu_t(img[at + 16:at + length]))
    img[at + 4] = (sum(img[at:at + 4]) + sum(img[at + 5:at + 16])) & 0xFF


def short_ad(kind, length, block=0):
    return struct.pack('<II', (kind << 30) | length, block)


def find_file_entry(img, size):
    """Offset of the (non-extended) file entry of the file of `size` bytes."""
    for at in range(0, len(img), B):
        if struct.unpack_from('<H', img, at)[0] == 261 and struct.unpack_from('<Q', img, at + 56)[0] == size:
            return at
    raise SystemExit('no UDF file entry of %d bytes' % size)


def partition_start(img):
    """The partition descriptor's starting location (ECMA-167 3/10.5)."""
    for at in range(32 * B, 38 * B, B):
        if struct.unpack_from('<H', img, at)[0] == 5:
            return struct.unpack_from('<I', img, at + 188)[0]
    raise SystemExit('no UDF partition descriptor')


def rewrite_extents(img, fe, ads, size):
    """The file entry at `fe` with short allocation descriptors `ads` and information length `size`."""
    ea = struct.unpack_from('<I', img, fe + 168)[0]
    flags = struct.unpack_from('<H', img, fe + 34)[0]
    struct.pack_into('<H', img, fe + 34, flags & ~7)  # short_ad
    body = b''.join(ads)
    assert 176 + ea + len(body) <= B, 'allocation descriptors do not fit the entry'
    img[fe + 176 + ea:fe + B] = bytes(B - 176 - ea)
    img[fe + 176 + ea:fe + 176 + ea + len(body)] = body
    struct.pack_into('<Q', img, fe + 56, size)
    struct.pack_into('<I', img, fe + 172, len(body))
    reseal(img, fe, 176 + ea + len(body))


def allocation_extent(img, at, lbn, ads):
    """An allocation extent descriptor (tag 258) at image offset `at`, partition block `lbn`."""
    body = b''.join(ads)
    img[at:at + B] = bytes(B)
    struct.pack_into('<HH', img, at, 258, 2)
    struct.pack_into('<I', img, at + 12, lbn)
    struct.pack_into('<II', img, at + 16, 0, len(body))
    img[at + 24:at + 24 + len(body)] = body
    reseal(img, at, 24 + len(body))


FILE_SIZE = 12345  # 7 blocks of 'z'


def udf_variants(img):
    """(name, image) for each rewrite of the 12,345-byte file's extents."""
    fe = find_file_entry(img, FILE_SIZE)
    ea = struct.unpack_from('<I', img, fe + 168)[0]
    flags = struct.unpack_from('<H', img, fe + 34)[0] & 7
    first_ad = fe + 176 + ea
    x = struct.unpack_from('<I', img, first_ad + 4)[0]  # short_ad and long_ad both hold the block at +4
    assert flags in (0, 1), 'the file is not in short or long allocation descriptors'
    start = partition_start(img)
    out = []

    mixed = bytearray(img)
    hole = 0x3FFFF800  # 1 GiB - 2 KiB, the largest extent
    ads = [short_ad(0, 4096, x), short_ad(1, 2048, x + 2), short_ad(2, hole), short_ad(0, 6201, x + 3)]
    rewrite_extents(mixed, fe, ads, 4096 + 2048 + hole + 6201)
    out.append(('mixed-extents', mixed))

    chained = bytearray(img)  # X+5 and X+6 no longer hold data: they hold the descriptors
    rewrite_extents(chained, fe, [short_ad(0, 2048, x), short_ad(3, 24 + 24, x + 5)], 2048 + 4096 + 8192 + 4000)
    allocation_extent(chained, (start + x + 5) * B, x + 5,
                      [short_ad(0, 4096, x + 1), short_ad(2, 8192), short_ad(3, 24 + 8, x + 6)])
    allocation_extent(chained, (start + x + 6) * B, x + 6, [short_ad(0, 4000, x + 3)])
    out.append(('aed-chain', chained))

    bomb = bytearray(img)
    total = 200 << 30
    holes = [short_ad(2, min(hole, total - i * hole)) for i in range((total + hole - 1) // hole)]
    rewrite_extents(bomb, fe, holes, total)
    out.append(('holes-200GiB', bomb))
    return out


def udf_seed(img):
    """The sectors fuzz_udf_reader lays its input over: 16:3, 32:6, 64:1, 256:1, then the partition."""
    used = len(img) // B
    ranges = [(16, 3), (32, 6), (64, 1), (256, 1), (257, min(400, used - 257))]
    return b''.join(bytes(img[s * B:(s + n) * B]) for s, n in ranges)


def cli_image(cli, tree, extra):
    with tempfile.TemporaryDirectory() as work:
        out = os.path.join(work, 'img')
        env = dict(os.environ, SOURCE_DATE_EPOCH='1700000000')
        subprocess.run([cli, 'mkiso', '-o', out] + extra + [tree], check=True, env=env, stdout=subprocess.DEVNULL)
        with open(out, 'rb') as f:
            return bytearray(f.read())


def write(corpus, name, data):
    assert len(data) < 200 * 1024, '%s is %d bytes' % (name, len(data))
    path = os.path.join(HERE, 'corpus', corpus, name)
    with open(path, 'wb') as f:
        f.write(data)
    print('%s: %d bytes' % (os.path.relpath(path, HERE), len(data)))


def main():
    if len(sys.argv) != 2:
        raise SystemExit('usage: make_large_seeds.py IMAPI_CLI')
    cli = sys.argv[1]
    write('iso', 'large-ce-chain-name', ce_chain_name())
    write('iso', 'large-ce-chain-bomb', ce_chain_bomb())
    write('iso', 'large-ce-loop', ce_loop())
    write('iso', 'large-wide-directory', wide_directory())
    with tempfile.TemporaryDirectory() as work:
        tree = os.path.join(work, 'tree')
        os.makedirs(os.path.join(tree, 'sub'))
        with open(os.path.join(tree, 'big.bin'), 'wb') as f:
            f.write(b'z' * FILE_SIZE)
        for i in range(24):
            with open(os.path.join(tree, 'sub', 'file-with-a-long-name-%02d.txt' % i), 'wb') as f:
                f.write(bytes([0x61 + i]) * (1500 + 100 * i))
        os.symlink('t' * 4000, os.path.join(tree, 'long-link'))
        # AddTree records the host's times: fix them, so that every run writes the same bytes.
        for path in [os.path.join(d, n) for d, dirs, files in os.walk(tree) for n in dirs + files] + [tree]:
            os.utime(path, (1700000000, 1700000000), follow_symlinks=False)
        iso = cli_image(cli, tree, ['--fs', 'iso9660,joliet,rockridge'])
        write('iso', 'large-cli-long-link', bytes(iso[16 * B:]))
        os.remove(os.path.join(tree, 'long-link'))
        os.utime(tree, (1700000000, 1700000000))
        for rev in ('1.02', '2.01'):
            img = cli_image(cli, tree, ['--fs', 'udf', '--udf-revision', rev])
            for name, variant in udf_variants(img):
                write('udf', 'large-%s-%s' % (name, rev), udf_seed(variant))


if __name__ == '__main__':
    main()
