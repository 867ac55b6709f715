#include "fs/reader/udf_reader.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "core/error.hpp"
#include "fs/block_size.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/udf/ecma167.hpp"
#include "fs/udf/volume_descriptors.hpp"

namespace imapi::fs {

namespace {

using iso9660::get_u16_le;
using iso9660::get_u32_le;
using iso9660::get_u64_le;

constexpr int kMaxRecognitionBlocks = 64;
constexpr int kMaxSequenceBlocks = 256;  // descriptors read per sequence, pointers followed included
constexpr int kMaxAllocationHops = 4096;  // allocation extent descriptors per entry
constexpr int kMaxIndirections = 8;
constexpr int64_t kMaxSymlinkBytes = 64 << 10;
constexpr int64_t kMaxVatEntries = int64_t{1} << 24;

// Checks a descriptor tag: identifier, checksum, location, and the CRC over as
// many bytes as it claims (which must be there).
void check_tag(std::span<const uint8_t> d, uint16_t id, uint32_t location, int64_t block, const char* what) {
  if (d.size() < 16) corrupt(block, std::string(what) + " is truncated");
  if (get_u16_le(d.data()) != id)
    corrupt(block, std::string(what) + ": tag identifier " + std::to_string(get_u16_le(d.data())) + ", not " +
                       std::to_string(id));
  if (udf::tag_checksum(std::span<const uint8_t, 16>(d.data(), 16)) != d[4])
    corrupt(block, std::string(what) + ": bad tag checksum");
  if (get_u32_le(d.data() + 12) != location)
    corrupt(block, std::string(what) + " records location " + std::to_string(get_u32_le(d.data() + 12)) +
                       ", not " + std::to_string(location));
  const size_t crc_length = get_u16_le(d.data() + 10);
  if (16 + crc_length > d.size()) corrupt(block, std::string(what) + ": CRC length past the descriptor");
  if (udf::crc_itu_t(d.subspan(16, crc_length)) != get_u16_le(d.data() + 8))
    corrupt(block, std::string(what) + ": bad descriptor CRC");
}

std::string dstring(const uint8_t* p, size_t width, int64_t block) {
  size_t len = p[width - 1];
  if (len == 0) return {};
  if (len > width - 1) corrupt(block, "a dstring longer than its field");
  auto s = udf::decode_cs0(std::span<const uint8_t>(p, len));
  if (!s) corrupt(block, "a name that is not valid OSTA CS0");
  while (!s->empty() && s->back() == '\0') s->pop_back();
  return *s;
}

// ECMA-167 1/7.3: type 1 timestamps carry their offset from UTC in minutes.
int64_t timestamp_ns(const uint8_t* p) {
  const uint16_t type_tz = get_u16_le(p);
  struct tm tm {};
  tm.tm_year = get_u16_le(p + 2) - 1900;
  tm.tm_mon = p[4] - 1;
  tm.tm_mday = p[5];
  tm.tm_hour = p[6];
  tm.tm_min = p[7];
  tm.tm_sec = p[8];
  if (p[4] < 1 || p[4] > 12 || p[5] < 1 || p[5] > 31 || p[6] > 23 || p[7] > 59 || p[8] > 60) return 0;
  int64_t t = timegm(&tm);
  int offset = type_tz & 0x0FFF;
  if (offset & 0x0800) offset -= 0x1000;
  if ((type_tz >> 12) == 1 && offset != -2047) t -= int64_t{offset} * 60;
  const int64_t us = p[9] * 10000 + p[10] * 100 + p[11];
  return t * 1'000'000'000 + us * 1000;
}

struct Address {
  uint16_t partition = 0;  // partition reference (index into the maps)
  uint32_t block = 0;
};

}  // namespace

struct UdfReader::Impl {
  enum class MapType { physical, sparable, virtual_table, metadata };
  struct Map {
    MapType type = MapType::physical;
    uint16_t partition_number = 0;
    uint32_t metadata_file = 0, mirror_file = 0;
    std::vector<ImageExtent> metadata;  // the metadata partition's blocks, in order (absolute)
    std::vector<uint32_t> vat;          // virtual block -> physical partition block
  };
  struct PartitionDesc {
    uint16_t number = 0;
    uint32_t start = 0;
    uint32_t length = 0;
  };
  // A file entry, as far as listing needs it.
  struct Icb {
    uint8_t file_type = 0;
    uint16_t flags = 0;
    uint32_t permissions = 0;
    int64_t size = 0;
    int64_t mtime_ns = 0;
    std::vector<ImageExtent> extents;
    std::vector<uint8_t> embedded;
    bool is_embedded = false;
  };

  std::shared_ptr<BlockSource> source;
  ReaderLimits limits;
  int64_t session = 0;
  int64_t blocks = 0;
  UdfVolume volume;
  std::vector<PartitionDesc> partitions;
  std::vector<Map> maps;
  Address file_set;
  Address root;

  std::vector<uint8_t> read_blocks(int64_t block, int64_t count) const {
    if (block < 0 || count < 0 || block > blocks - count)
      corrupt(block, "a structure lies past the end of the image (" + std::to_string(blocks) + " blocks)");
    std::vector<uint8_t> b(static_cast<size_t>(count * kBlockSize));
    source->read(block * kBlockSize, b.data(), count * kBlockSize);
    return b;
  }

  const PartitionDesc& partition(uint16_t number, int64_t block) const {
    for (const auto& p : partitions)
      if (p.number == number) return p;
    corrupt(block, "partition " + std::to_string(number) + " has no partition descriptor");
  }

  // The absolute block of a block of a partition map; `at` names where the address was found.
  int64_t absolute(Address a, int64_t at) const {
    if (a.partition >= maps.size()) corrupt(at, "partition reference " + std::to_string(a.partition) + " has no map");
    const Map& m = maps[a.partition];
    switch (m.type) {
      case MapType::physical:
      case MapType::sparable: {
        const auto& p = partition(m.partition_number, at);
        if (a.block >= p.length) corrupt(at, "block " + std::to_string(a.block) + " is past its partition's end");
        return int64_t{p.start} + a.block;
      }
      case MapType::virtual_table: {
        if (a.block >= m.vat.size()) corrupt(at, "virtual block " + std::to_string(a.block) + " is not in the VAT");
        const auto& p = partition(m.partition_number, at);
        if (m.vat[a.block] >= p.length) corrupt(at, "the VAT maps a block past its partition's end");
        return int64_t{p.start} + m.vat[a.block];
      }
      case MapType::metadata: {
        int64_t offset = int64_t{a.block} * kBlockSize;
        for (const auto& x : m.metadata) {
          if (offset < x.size) return x.block + offset / kBlockSize;
          offset -= x.size;
        }
        corrupt(at, "block " + std::to_string(a.block) + " is past the metadata partition's end");
      }
    }
    corrupt(at, "an unknown partition map");
  }

  // ---- volume structures ----------------------------------------------------------

  void read_volume() {
    blocks = source->size() / kBlockSize;
    // The anchor: at 256 of the session, at the last block, or 256 before it.
    std::vector<uint8_t> anchor;
    int64_t anchor_at = -1;
    for (int64_t at : {session + 256, blocks - 1, blocks - 257}) {
      if (at < 0 || at >= blocks) continue;
      auto b = read_blocks(at, 1);
      if (get_u16_le(b.data()) != udf::kTagAnchor) continue;
      try {
        check_tag(std::span<const uint8_t>(b.data(), 512), udf::kTagAnchor, static_cast<uint32_t>(at), at,
                  "the anchor volume descriptor pointer");
      } catch (const Error&) {
        continue;  // a damaged anchor: try the next one
      }
      anchor = std::move(b);
      anchor_at = at;
      break;
    }
    if (anchor_at < 0 && anchor_of_512_byte_blocks())
      fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND,
           "the UDF volume has 512-byte logical blocks (as mkudffs makes for hard disks); 512-byte blocks are not "
           "supported, only the 2048-byte blocks of optical media (mkudffs -b 2048)");
    if (anchor_at < 0)
      fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has a UDF recognition sequence but no valid anchor at block " +
                                              std::to_string(session + 256) + " or at its end");
    const uint32_t main_len = get_u32_le(anchor.data() + 16), main_at = get_u32_le(anchor.data() + 20);
    const uint32_t reserve_len = get_u32_le(anchor.data() + 24), reserve_at = get_u32_le(anchor.data() + 28);
    std::string main_error;
    try {
      read_sequence(main_at, main_len);
      return;
    } catch (const Error& e) {
      main_error = e.message();
    }
    partitions.clear();
    maps.clear();
    try {
      read_sequence(reserve_at, reserve_len);
    } catch (const Error& e) {
      corrupt(main_at, "the main volume descriptor sequence is unusable (" + main_error +
                           ") and so is the reserve one (" + e.message() + ")");
    }
  }

  // An anchor where a volume of 512-byte blocks has it (sector 256, or the last one).
  bool anchor_of_512_byte_blocks() const {
    constexpr int64_t kSmall = 512;
    const int64_t sectors = source->size() / kSmall;
    for (int64_t at : {int64_t{256}, sectors - 1, sectors - 257}) {
      if (at < 0 || at >= sectors) continue;
      std::vector<uint8_t> b(kSmall);
      source->read(at * kSmall, b.data(), kSmall);
      if (get_u16_le(b.data()) != udf::kTagAnchor || get_u32_le(b.data() + 12) != static_cast<uint32_t>(at)) continue;
      if (udf::tag_checksum(std::span<const uint8_t, 16>(b.data(), 16)) == b[4]) return true;
    }
    return false;
  }

  void read_sequence(uint32_t at, uint32_t length) {
    int64_t block = at;
    int64_t end = at + length / kBlockSize;
    bool have_lvd = false;
    std::vector<uint8_t> lvd;
    int64_t lvd_at = 0;
    for (int n = 0; block < end; ++n, ++block) {
      if (n >= kMaxSequenceBlocks) corrupt(at, "the volume descriptor sequence does not end");
      auto b = read_blocks(block, 1);
      const uint16_t id = get_u16_le(b.data());
      if (id == 0 || id == udf::kTagTerminating) break;
      const size_t size = id == udf::kTagLogicalVolume ? static_cast<size_t>(kBlockSize) : 512;
      std::span<const uint8_t> d(b.data(), size);
      if (id == udf::kTagLogicalVolume) {
        const uint32_t table = get_u32_le(b.data() + 264);
        if (table > kBlockSize - 440) corrupt(block, "the partition map table runs past its descriptor");
        d = d.first(440 + table);
      }
      check_tag(d, id, static_cast<uint32_t>(block), block, "a volume descriptor");
      switch (id) {
        case udf::kTagPointer: {  // the sequence continues elsewhere
          block = int64_t{get_u32_le(b.data() + 24)} - 1;
          end = block + 1 + get_u32_le(b.data() + 20) / kBlockSize;
          break;
        }
        case udf::kTagPrimaryVolume: volume.volume_id = dstring(b.data() + 24, 32, block); break;
        case udf::kTagPartition: {
          PartitionDesc p;
          p.number = get_u16_le(b.data() + 22);
          p.start = get_u32_le(b.data() + 188);
          p.length = get_u32_le(b.data() + 192);
          // A partition may run past the image's end (sequential media record
          // less than they allocate); reads past the end fail when they happen.
          partitions.push_back(p);
          break;
        }
        case udf::kTagLogicalVolume:
          lvd = b;
          lvd_at = block;
          have_lvd = true;
          break;
        default: break;  // implementation use, unallocated space
      }
    }
    if (!have_lvd) corrupt(at, "the volume descriptor sequence has no logical volume descriptor");
    if (partitions.empty()) corrupt(at, "the volume descriptor sequence has no partition descriptor");
    read_logical_volume(lvd, lvd_at);
  }

  void read_logical_volume(const std::vector<uint8_t>& b, int64_t at) {
    const uint8_t* p = b.data();
    if (get_u32_le(p + 212) != kBlockSize)
      corrupt(at, "logical block size " + std::to_string(get_u32_le(p + 212)) + " (only 2048 is read)");
    volume.label = dstring(p + 84, 128, at);
    if (std::memcmp(p + 217, "*OSTA UDF Compliant", 19) != 0) corrupt(at, "the domain is not OSTA UDF");
    volume.revision = get_u16_le(p + 216 + 24);
    file_set = {get_u16_le(p + 248 + 8), get_u32_le(p + 248 + 4)};
    const uint32_t table = get_u32_le(p + 264);
    const uint32_t count = get_u32_le(p + 268);
    size_t pos = 440;
    const size_t end = 440 + table;
    for (uint32_t i = 0; i < count; ++i) {
      if (pos + 2 > end) corrupt(at, "partition map " + std::to_string(i) + " runs past the map table");
      const uint8_t type = p[pos], len = p[pos + 1];
      if (len < 6 || pos + len > end) corrupt(at, "partition map " + std::to_string(i) + " has a bad length");
      Map m;
      if (type == 1) {
        m.partition_number = get_u16_le(p + pos + 4);
      } else if (type == 2 && len >= 64) {
        const std::string ident(reinterpret_cast<const char*>(p + pos + 5), 23);
        m.partition_number = get_u16_le(p + pos + 38);
        if (ident.starts_with("*UDF Virtual Partition")) {
          m.type = MapType::virtual_table;
          volume.virtual_partition = true;
        } else if (ident.starts_with("*UDF Sparable Partition")) {
          m.type = MapType::sparable;  // read-only: the sparing table only matters to a writer
        } else if (ident.starts_with("*UDF Metadata Partition")) {
          m.type = MapType::metadata;
          m.metadata_file = get_u32_le(p + pos + 40);
          m.mirror_file = get_u32_le(p + pos + 44);
          volume.metadata_partition = true;
        } else {
          corrupt(at, "partition map " + std::to_string(i) + " is of an unknown kind");
        }
      } else {
        corrupt(at, "partition map " + std::to_string(i) + " is of type " + std::to_string(type));
      }
      maps.push_back(std::move(m));
      pos += len;
    }
    if (maps.empty()) corrupt(at, "the logical volume has no partition map");
    read_integrity(get_u32_le(p + 432 + 4), get_u32_le(p + 432));
  }

  // The minimum read revision, when an integrity descriptor is there to say.
  void read_integrity(uint32_t at, uint32_t length) {
    if (length < kBlockSize || at >= blocks) return;
    auto b = read_blocks(at, 1);
    if (get_u16_le(b.data()) != udf::kTagIntegrity) return;
    const uint32_t n = get_u32_le(b.data() + 72), iu = get_u32_le(b.data() + 76);
    if (n > 64 || iu < 46 || 80 + 8 * size_t{n} + 46 > static_cast<size_t>(kBlockSize)) return;
    volume.min_read = get_u16_le(b.data() + 80 + 8 * n + 40);
  }

  // Virtual and metadata partitions are files of the physical one.
  void resolve_maps() {
    for (size_t i = 0; i < maps.size(); ++i) {
      Map& m = maps[i];
      if (m.type == MapType::metadata) {
        const uint16_t physical = physical_ref(m.partition_number);
        try {
          m.metadata = read_icb({physical, m.metadata_file}, 0).extents;
        } catch (const Error&) {
          m.metadata = read_icb({physical, m.mirror_file}, 0).extents;  // the mirror, as UDF intends
        }
        for (const auto& x : m.metadata)
          if (x.block == ImageExtent::kHole) corrupt(m.metadata_file, "the metadata file has unrecorded extents");
      } else if (m.type == MapType::virtual_table) {
        read_vat(m);
      }
    }
  }

  uint16_t physical_ref(uint16_t partition_number) const {
    for (size_t i = 0; i < maps.size(); ++i)
      if (maps[i].type == MapType::physical && maps[i].partition_number == partition_number)
        return static_cast<uint16_t>(i);
    corrupt(0, "no physical partition map for partition " + std::to_string(partition_number));
  }

  // The VAT's file entry is the last block written: search back from the end.
  void read_vat(Map& m) {
    const auto& p = partition(m.partition_number, 0);
    const uint16_t physical = physical_ref(m.partition_number);
    for (int64_t at = blocks - 1; at >= std::max<int64_t>(p.start, blocks - 32); --at) {
      auto b = read_blocks(at, 1);
      const uint16_t id = get_u16_le(b.data());
      if (id != udf::kTagFileEntry && id != udf::kTagExtendedFileEntry) continue;
      Icb icb;
      try {
        icb = read_icb({physical, static_cast<uint32_t>(at - p.start)}, at);
      } catch (const Error&) {
        continue;
      }
      auto data = whole_data(icb, at, int64_t{4} * kMaxVatEntries + 4096);
      size_t first = 0, last = data.size();
      if (icb.file_type == 248) {  // UDF 2.00 VAT: a header, then the table
        if (data.size() < 2) continue;
        first = get_u16_le(data.data());
      } else if (data.size() >= 36 &&
                 std::memcmp(data.data() + data.size() - 36 + 1, "*UDF Virtual Alloc Tbl", 22) == 0) {
        last = data.size() - 36;  // UDF 1.50: the table, then an entity and the previous VAT's place
      } else {
        continue;
      }
      if (first > last || (last - first) % 4 != 0) corrupt(at, "the VAT's size is not a whole number of entries");
      for (size_t i = first; i < last; i += 4) m.vat.push_back(get_u32_le(data.data() + i));
      return;
    }
    corrupt(blocks - 1, "a virtual partition without a VAT in the last blocks of the image");
  }

  void read_file_set() {
    const int64_t at = absolute(file_set, 0);
    auto b = read_blocks(at, 1);
    check_tag(std::span<const uint8_t>(b.data(), 512), udf::kTagFileSet, file_set.block, at, "the file set descriptor");
    root = {get_u16_le(b.data() + 400 + 8), get_u32_le(b.data() + 400 + 4)};
    if (volume.label.empty()) volume.label = dstring(b.data() + 112, 128, at);
  }

  // ---- file entries ------------------------------------------------------------------

  Icb read_icb(Address a, int64_t from) const {
    std::vector<uint8_t> b;
    int64_t at = 0;
    for (int hop = 0;; ++hop) {
      if (hop > kMaxIndirections) corrupt(from, "a chain of indirect entries does not end");
      at = absolute(a, from);
      b = read_blocks(at, 1);
      if (get_u16_le(b.data()) != udf::kTagIndirectEntry) break;
      check_tag(std::span<const uint8_t>(b.data(), 52), udf::kTagIndirectEntry, a.block, at, "an indirect entry");
      a = {get_u16_le(b.data() + 36 + 8), get_u32_le(b.data() + 36 + 4)};
    }
    const uint16_t id = get_u16_le(b.data());
    if (id != udf::kTagFileEntry && id != udf::kTagExtendedFileEntry)
      corrupt(at, "expected a file entry, found tag " + std::to_string(id));
    const bool extended = id == udf::kTagExtendedFileEntry;
    const size_t header = extended ? 216 : 176;
    const uint32_t ea = get_u32_le(b.data() + header - 8), ad = get_u32_le(b.data() + header - 4);
    if (ea > kBlockSize || ad > kBlockSize || header + ea + ad > static_cast<size_t>(kBlockSize))
      corrupt(at, "a file entry's attributes and allocation descriptors run past its block");
    check_tag(std::span<const uint8_t>(b.data(), header + ea + ad), id, a.block, at, "a file entry");
    Icb icb;
    icb.file_type = b[27];
    icb.flags = get_u16_le(b.data() + 34);
    icb.permissions = get_u32_le(b.data() + 44);
    const uint64_t size = get_u64_le(b.data() + 56);
    if (size > (uint64_t{1} << 50)) corrupt(at, "a file entry records " + std::to_string(size) + " bytes");
    icb.size = static_cast<int64_t>(size);
    icb.mtime_ns = timestamp_ns(b.data() + (extended ? 92 : 84));
    const uint8_t* ads = b.data() + header + ea;
    const int type = icb.flags & 7;
    if (type == 3) {
      if (icb.size > static_cast<int64_t>(ad)) corrupt(at, "embedded data shorter than the file's size");
      icb.embedded.assign(ads, ads + icb.size);
      icb.is_embedded = true;
      return icb;
    }
    read_allocation(icb, std::span<const uint8_t>(ads, ad), type, a.partition, at);
    return icb;
  }

  void read_allocation(Icb& icb, std::span<const uint8_t> ads, int type, uint16_t partition, int64_t at) const {
    const size_t step = type == 0 ? 8 : type == 1 ? 16 : type == 2 ? 20 : 0;
    if (step == 0) corrupt(at, "an unknown allocation descriptor type " + std::to_string(type));
    int64_t total = 0;
    std::vector<uint8_t> next;
    for (int hop = 0;; ++hop) {
      bool continued = false;
      for (size_t pos = 0; pos + step <= ads.size(); pos += step) {
        const uint8_t* d = ads.data() + pos;
        const uint32_t raw = get_u32_le(d);
        const uint32_t bytes = raw & 0x3FFFFFFF;
        const uint32_t kind = raw >> 30;
        if (bytes == 0) break;
        Address where{partition, get_u32_le(d + 4)};
        if (type == 1) where = {get_u16_le(d + 8), get_u32_le(d + 4)};
        if (type == 2) where = {get_u16_le(d + 16), get_u32_le(d + 12)};
        if (kind == 3) {  // the descriptors continue in an allocation extent descriptor
          if (hop >= kMaxAllocationHops) corrupt(at, "a chain of allocation extents does not end");
          const int64_t aed_at = absolute(where, at);
          next = read_blocks(aed_at, 1);
          const uint32_t len = get_u32_le(next.data() + 20);
          if (24 + size_t{len} > static_cast<size_t>(kBlockSize))
            corrupt(aed_at, "an allocation extent descriptor runs past its block");
          check_tag(std::span<const uint8_t>(next.data(), 24 + len), udf::kTagAllocationExtent, where.block, aed_at,
                    "an allocation extent descriptor");
          ads = std::span<const uint8_t>(next.data() + 24, len);
          at = aed_at;
          continued = true;
          break;
        }
        if (icb.extents.size() > static_cast<size_t>(limits.max_entries))
          corrupt(at, "a file has too many extents");
        if (kind != 0) {
          icb.extents.push_back({ImageExtent::kHole, bytes});
        } else {
          add_recorded(icb.extents, where, bytes, at);
        }
        total += bytes;
      }
      if (!continued) break;
    }
    if (total < icb.size) corrupt(at, "a file's extents hold " + std::to_string(total) + " of its " +
                                          std::to_string(icb.size) + " bytes");
    // Only the file's size counts: trim what the last extents hold beyond it.
    int64_t keep = icb.size;
    size_t n = 0;
    for (; n < icb.extents.size() && keep > 0; ++n) {
      icb.extents[n].size = std::min(icb.extents[n].size, keep);
      keep -= icb.extents[n].size;
    }
    icb.extents.resize(n);
  }

  // A recorded extent of a partition, as runs of absolute blocks (a virtual or
  // metadata partition need not be contiguous underneath).
  void add_recorded(std::vector<ImageExtent>& out, Address where, uint32_t bytes, int64_t at) const {
    if (where.partition >= maps.size()) corrupt(at, "an extent names partition reference " + std::to_string(where.partition));
    const Map& m = maps[where.partition];
    if (m.type == MapType::physical || m.type == MapType::sparable) {
      const int64_t first = absolute(where, at);
      const int64_t count = (bytes + kBlockSize - 1) / kBlockSize;
      absolute({where.partition, static_cast<uint32_t>(where.block + count - 1)}, at);  // the end is inside too
      out.push_back({first, bytes});
      return;
    }
    int64_t left = bytes;
    for (uint32_t i = 0; left > 0; ++i) {
      const int64_t block = absolute({where.partition, where.block + i}, at);
      const int64_t n = std::min<int64_t>(left, kBlockSize);
      if (!out.empty() && out.back().block != ImageExtent::kHole && out.back().size % kBlockSize == 0 &&
          out.back().block + out.back().size / kBlockSize == block)
        out.back().size += n;
      else
        out.push_back({block, n});
      left -= n;
    }
  }

  std::vector<uint8_t> whole_data(const Icb& icb, int64_t at, int64_t limit) const {
    if (icb.size > limit) corrupt(at, "an entry of " + std::to_string(icb.size) + " bytes is larger than allowed");
    if (icb.is_embedded) return icb.embedded;
    std::vector<uint8_t> data(static_cast<size_t>(icb.size));
    ImageEntry e;
    e.kind = EntryKind::file;
    e.size = icb.size;
    e.extents = icb.extents;
    read_entry(*source, e, 0, data.data(), icb.size);
    return data;
  }

  static uint32_t posix_mode(const Icb& icb) {
    const uint32_t p = icb.permissions;
    uint32_t mode = (p & 7) | ((p >> 5 & 7) << 3) | ((p >> 10 & 7) << 6);
    if (icb.flags & 0x40) mode |= 04000;
    if (icb.flags & 0x80) mode |= 02000;
    if (icb.flags & 0x100) mode |= 01000;
    return mode;
  }

  // ECMA-167 4/14.16 path components back to a POSIX target.
  static std::string symlink_target(const std::vector<uint8_t>& d, int64_t at) {
    std::string out;
    size_t pos = 0;
    auto add = [&](const std::string& part) {
      if (!out.empty() && out.back() != '/') out += '/';
      out += part;
    };
    while (pos < d.size()) {
      if (pos + 4 > d.size()) corrupt(at, "a symbolic link's path component is truncated");
      const uint8_t type = d[pos];
      const size_t len = d[pos + 1];
      if (pos + 4 + len > d.size()) corrupt(at, "a symbolic link's path component runs past its data");
      switch (type) {
        case 1:
        case 2: out = "/"; break;
        case 3: add(".."); break;
        case 4: add("."); break;
        case 5: {
          auto name = udf::decode_cs0(std::span<const uint8_t>(d.data() + pos + 4, len));
          if (!name || name->empty()) corrupt(at, "a symbolic link's path component is not valid CS0");
          add(*name);
          break;
        }
        default: corrupt(at, "a symbolic link's path component of type " + std::to_string(type));
      }
      pos += 4 + len;
    }
    return out;
  }

  std::vector<ImageEntry> list() const {
    std::vector<ImageEntry> out;
    struct Pending {
      Address icb;
      std::string path;
      int depth;
    };
    std::vector<Pending> stack{{root, "", 0}};
    std::unordered_map<uint64_t, std::string> seen_dirs;  // each directory's entry -> its first path
    ListingBudget budget(limits, source->size());
    while (!stack.empty()) {
      Pending dir = std::move(stack.back());
      stack.pop_back();
      const int64_t at = absolute(dir.icb, 0);
      if (auto [it, fresh] = seen_dirs.try_emplace(uint64_t{dir.icb.partition} << 32 | dir.icb.block, dir.path); !fresh)
        corrupt(at, "'" + dir.path + "' points back to the directory '" + (it->second.empty() ? "/" : it->second) +
                        "' (a loop in the directory hierarchy)");
      if (dir.depth > limits.max_depth) corrupt(at, "directories are nested deeper than " + std::to_string(limits.max_depth));
      Icb icb = read_icb(dir.icb, at);
      if (icb.file_type != 4) corrupt(at, "'" + (dir.path.empty() ? "/" : dir.path) + "' is not a directory");
      auto data = whole_data(icb, at, limits.max_directory_bytes);
      std::vector<Pending> subdirs;
      for (size_t pos = 0; pos < data.size();) {
        if (data.size() - pos < 38) corrupt(at, "a file identifier descriptor is truncated");
        const uint8_t* f = data.data() + pos;
        const uint8_t characteristics = f[18];
        const size_t name_len = f[19];
        const size_t iu_len = get_u16_le(f + 36);
        const size_t len = (38 + iu_len + name_len + 3) / 4 * 4;
        if (len > data.size() - pos && 38 + iu_len + name_len > data.size() - pos)
          corrupt(at, "a file identifier descriptor runs past its directory");
        if (get_u16_le(f) != udf::kTagFileIdentifier || udf::tag_checksum(std::span<const uint8_t, 16>(f, 16)) != f[4])
          corrupt(at, "a damaged file identifier descriptor in '" + (dir.path.empty() ? "/" : dir.path) + "'");
        pos += std::min(len, data.size() - pos);
        if (characteristics & 0x0C) continue;  // the parent entry, or a deleted one
        auto name = udf::decode_cs0(std::span<const uint8_t>(f + 38 + iu_len, name_len));
        if (!name || name->empty() || *name == "." || *name == ".." ||
            name->find_first_of(std::string("/\0", 2)) != std::string::npos)
          corrupt(at, "a name in '" + (dir.path.empty() ? "/" : dir.path) + "' cannot be a file name");
        if (static_cast<int64_t>(out.size()) >= limits.max_entries) corrupt(at, "more entries than allowed");
        const Address child{get_u16_le(f + 20 + 8), get_u32_le(f + 20 + 4)};
        if (name->size() > kMaxNameBytes)
          corrupt(at, "a name in '" + (dir.path.empty() ? "/" : dir.path) + "' is longer than " +
                          std::to_string(kMaxNameBytes) + " bytes");
        ImageEntry e;
        e.path = dir.path + "/" + *name;
        e.hidden = characteristics & 0x01;
        const int64_t child_at = absolute(child, at);
        Icb c = read_icb(child, child_at);
        budget.charge(static_cast<int64_t>(sizeof(ImageEntry) + e.path.size() + c.embedded.size() +
                                           c.extents.size() * sizeof(ImageExtent)),
                      at);
        // Recorded data must be in the image as it is, not only in the partition
        // the descriptors claim (a truncated image, sequential media).
        for (const auto& x : c.extents)
          if (x.block != ImageExtent::kHole && (x.block >= blocks || (x.size + kBlockSize - 1) / kBlockSize > blocks - x.block))
            corrupt(child_at, "'" + e.path + "' has data at blocks " + std::to_string(x.block) + "-" +
                                  std::to_string(x.block + (x.size + kBlockSize - 1) / kBlockSize - 1) +
                                  ", past the image's end at block " + std::to_string(blocks) +
                                  " (the image is truncated)");
        e.has_mode = true;
        e.mode = posix_mode(c);
        e.mtime_ns = c.mtime_ns;
        if (c.file_type == 4) {
          e.kind = EntryKind::directory;
          subdirs.push_back({child, e.path, dir.depth + 1});
        } else if (c.file_type == 12) {
          e.kind = EntryKind::symlink;
          e.target = symlink_target(whole_data(c, child_at, kMaxSymlinkBytes), child_at);
        } else if (c.file_type == 5 || c.file_type == 0) {
          e.kind = EntryKind::file;
          e.size = c.size;
          e.extents = std::move(c.extents);
          e.embedded = std::move(c.embedded);
        } else {
          continue;  // devices, FIFOs, sockets, stream directories: nothing to list
        }
        out.push_back(std::move(e));
      }
      // Depth first, children in directory order.
      for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(std::move(*it));
    }
    return out;
  }
};

bool UdfReader::present(const BlockSource& source, int64_t session_block) {
  const int64_t blocks = source.size() / kBlockSize;
  uint8_t b[8];
  for (int i = 0; i < kMaxRecognitionBlocks; ++i) {
    const int64_t at = session_block + 16 + i;
    if (at >= blocks) return false;
    source.read(at * kBlockSize, b, sizeof b);
    const std::string id(reinterpret_cast<const char*>(b + 1), 5);
    if (id == "NSR02" || id == "NSR03") return true;
    if (id != "CD001" && id != "CDW02" && id != "BEA01" && id != "TEA01" && id != "BOOT2") return false;
  }
  return false;
}

UdfReader::UdfReader(std::shared_ptr<BlockSource> source, ReaderLimits limits, int64_t session_block)
    : source_(std::move(source)), impl_(std::make_unique<Impl>()) {
  if (!present(*source_, session_block))
    fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no UDF file system (no NSR02/NSR03 recognition descriptor)");
  impl_->source = source_;
  impl_->limits = limits;
  impl_->session = session_block;
  impl_->read_volume();
  impl_->resolve_maps();
  impl_->read_file_set();
}

UdfReader::~UdfReader() = default;

const UdfVolume& UdfReader::volume() const { return impl_->volume; }

std::vector<ImageEntry> UdfReader::list() const { return impl_->list(); }

}  // namespace imapi::fs
