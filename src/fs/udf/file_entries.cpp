#include "fs/udf/file_entries.hpp"

#include <cstring>

#include "core/error.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/udf/ecma167.hpp"
#include "fs/udf/volume_descriptors.hpp"

namespace imapi::fs::udf {

using iso9660::put_u16_le;
using iso9660::put_u32_le;
using iso9660::put_u64_le;

namespace {

constexpr size_t kFileEntryHeader = 176;
constexpr size_t kExtendedEntryHeader = 216;
constexpr size_t kLongAd = 16;
constexpr size_t kShortAd = 8;

size_t header_size(bool extended) { return extended ? kExtendedEntryHeader : kFileEntryHeader; }

// ECMA-167 4/14.9.5: other, group and owner each take five bits (execute,
// write, read, change attributes, delete); POSIX has the first three.
uint32_t udf_permissions(uint32_t mode) {
  return (mode & 07) | ((mode >> 3 & 07) << 5) | ((mode >> 6 & 07) << 10);
}

}  // namespace

size_t extents_for(uint64_t size) { return static_cast<size_t>((size + kMaxExtentBytes - 1) / kMaxExtentBytes); }
size_t max_extents(bool extended) { return (kBlockSize - header_size(extended)) / kLongAd; }
size_t max_embedded(bool extended) { return kBlockSize - header_size(extended); }

void write_file_entry(uint8_t* block, uint32_t location, const Revision& r, const FileEntryFields& f) {
  std::memset(block, 0, kBlockSize);
  const bool extended = f.extended;
  // ICB tag (4/14.6): strategy 4, one entry.
  put_u16_le(block + 20, 4);
  put_u16_le(block + 24, 1);
  block[27] = f.type;
  const bool embedded = f.embed;
  uint16_t flags = embedded ? 3 : f.short_ads ? 0 : 1;
  if (f.mode & 04000) flags |= 0x40;
  if (f.mode & 02000) flags |= 0x80;
  if (f.mode & 01000) flags |= 0x100;
  put_u16_le(block + 34, flags);
  put_u32_le(block + 36, f.uid);
  put_u32_le(block + 40, f.gid);
  put_u32_le(block + 44, udf_permissions(f.mode));
  put_u16_le(block + 48, f.links);
  put_u64_le(block + 56, f.size);
  uint64_t recorded_blocks = 0;
  size_t ad_count = 0;
  auto each_extent = [&](auto&& fn) {
    if (f.data.bytes > 0) fn(f.data);
    for (const auto& x : f.more) fn(x);
  };
  if (!embedded)
    each_extent([&](const DataExtent& x) {
      recorded_blocks += (x.bytes + kBlockSize - 1) / kBlockSize;
      ad_count += extents_for(x.bytes);
    });
  size_t at;  // where the extended attributes' length is
  if (extended) {
    put_u64_le(block + 64, f.size);  // object size: no streams
    put_u64_le(block + 72, recorded_blocks);
    write_timestamp(block + 80, f.access_ns);
    write_timestamp(block + 92, f.modification_ns);
    write_timestamp(block + 104, f.creation_ns);
    write_timestamp(block + 116, f.modification_ns);  // attribute time
    put_u32_le(block + 128, 1);                        // checkpoint
    write_implementation_id(block + 168);
    put_u64_le(block + 200, f.unique_id);
    at = 208;
  } else {
    put_u64_le(block + 64, recorded_blocks);
    write_timestamp(block + 72, f.access_ns);
    write_timestamp(block + 84, f.modification_ns);
    write_timestamp(block + 96, f.modification_ns);  // attribute time
    put_u32_le(block + 108, 1);                       // checkpoint
    write_implementation_id(block + 128);
    put_u64_le(block + 160, f.unique_id);
    at = 168;
  }
  put_u32_le(block + at, 0);  // no extended attributes
  uint8_t* ads = block + at + 8;
  size_t ad_bytes = 0;
  if (embedded) {
    if (f.embedded.size() > max_embedded(extended))
      fail(IMAPI_E_DATA_TOO_BIG, "data to embed in a UDF file entry is larger than the entry");
    if (!f.embedded.empty()) std::memcpy(ads, f.embedded.data(), f.embedded.size());
    ad_bytes = f.embedded.size();
  } else {
    if (ad_count > max_extents(extended))
      fail(IMAPI_E_DATA_TOO_BIG, "a file of " + std::to_string(f.size) +
                                     " bytes needs more UDF extents than one file entry holds");
    each_extent([&](const DataExtent& x) {
      uint64_t left = x.bytes;
      uint32_t blk = x.block;
      while (left > 0) {
        const uint64_t len = std::min(left, kMaxExtentBytes);
        if (f.short_ads) {
          write_short_ad(ads + ad_bytes, static_cast<uint32_t>(len), blk);
          ad_bytes += kShortAd;
        } else {
          write_long_ad(ads + ad_bytes, static_cast<uint32_t>(len), blk, x.partition);
          ad_bytes += kLongAd;
        }
        blk += static_cast<uint32_t>(len / kBlockSize);
        left -= len;
      }
    });
  }
  put_u32_le(block + at + 4, static_cast<uint32_t>(ad_bytes));
  write_tag(std::span<uint8_t>(block, at + 8 + ad_bytes), extended ? kTagExtendedFileEntry : kTagFileEntry,
            r.descriptor_version(), 0, location);
}

size_t identifier_length(size_t name_bytes) { return (38 + name_bytes + 3) / 4 * 4; }

void write_identifier(uint8_t* p, uint32_t location, const Revision& r, const Identifier& id) {
  const size_t len = identifier_length(id.name.size());
  std::memset(p, 0, len);
  put_u16_le(p + 16, 1);  // file version number
  p[18] = static_cast<uint8_t>((id.hidden ? 0x01 : 0) | (id.directory ? 0x02 : 0) | (id.parent ? 0x08 : 0));
  p[19] = static_cast<uint8_t>(id.name.size());
  write_long_ad(p + 20, static_cast<uint32_t>(kBlockSize), id.icb_block, id.icb_partition);
  put_u32_le(p + 32, id.unique_id);  // long_ad implementation use: flags (0), then the unique ID
  put_u16_le(p + 36, 0);             // no implementation use
  if (!id.name.empty()) std::memcpy(p + 38, id.name.data(), id.name.size());
  write_tag(std::span<uint8_t>(p, len), kTagFileIdentifier, r.descriptor_version(), 0, location);
}

std::vector<uint8_t> symlink_components(std::string_view target) {
  std::vector<uint8_t> out;
  auto component = [&](uint8_t type, std::span<const uint8_t> name) {
    out.push_back(type);
    out.push_back(static_cast<uint8_t>(name.size()));
    out.push_back(0);  // component file version
    out.push_back(0);
    out.insert(out.end(), name.begin(), name.end());
  };
  size_t pos = 0;
  // Component types (4/14.16.1): 2 the root, 3 the parent, 4 the directory itself, 5 a name.
  if (!target.empty() && target[0] == '/') {
    component(2, {});
    pos = 1;
  }
  while (pos <= target.size()) {
    size_t end = target.find('/', pos);
    if (end == std::string_view::npos) end = target.size();
    std::string_view part = target.substr(pos, end - pos);
    if (part == "..") {
      component(3, {});
    } else if (part == ".") {
      component(4, {});
    } else if (!part.empty()) {
      auto cs0 = encode_cs0(part);
      if (cs0.size() > 255)
        fail(IMAPI_E_INVALID_PATH, "a component of the symbolic link target '" + std::string(target) +
                                       "' is longer than UDF's 255 bytes; shorten it");
      component(5, cs0);
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace imapi::fs::udf
