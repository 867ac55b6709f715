#include "fs/udf/udf_writer.hpp"

#include <cstring>
#include <deque>
#include <string_view>

#include "core/error.hpp"
#include "fs/udf/ecma167.hpp"
#include "fs/udf/file_entries.hpp"
#include "fs/udf/names.hpp"

namespace imapi::fs::udf {

namespace {

constexpr uint32_t kParentIdentifierBytes = 40;  // identifier_length(0)
constexpr uint32_t kAllocationUnit = 32;         // blocks: a BD cluster, two DVD ECC blocks

uint32_t blocks_of(uint64_t bytes) { return static_cast<uint32_t>((bytes + kBlockSize - 1) / kBlockSize); }
uint32_t round_up(uint32_t v, uint32_t unit) { return (v + unit - 1) / unit * unit; }

uint16_t links_of(const Node& n) {
  if (!n.is_dir()) return 1;
  uint32_t subdirs = 0;
  for (const auto& c : n.children) subdirs += c->is_dir();
  return static_cast<uint16_t>(std::min<uint32_t>(1 + subdirs, 0xFFFF));
}

}  // namespace

UdfWriter::UdfWriter(const Node& root, size_t node_count, UdfOptions options,
                     std::function<FileData(const Node&)> data_of)
    : root_(root), options_(std::move(options)), data_of_(std::move(data_of)), revision_(options_.volume.revision) {
  metadata_ = revision_.metadata_partition();
  first_block_.assign(node_count, 0);
  data_bytes_.assign(node_count, 0);
}

std::vector<std::vector<uint8_t>> UdfWriter::identifiers_of(const Node& dir) const {
  std::vector<std::string_view> names;
  names.reserve(dir.children.size());
  for (const auto& c : dir.children) names.push_back(c->name);
  return file_identifiers(names);
}

int64_t UdfWriter::plan(int64_t recognition, int64_t partition_start, int64_t area) {
  recognition_ = recognition;
  partition_start_ = partition_start;
  area_ = area;
  // Entries in runs, one per directory in breadth-first order: the directory's
  // entry, its identifiers, then the entries of its other children, so each run
  // is written with one call. Block 0 is the file set descriptor, 1 its terminator.
  uint32_t next = 2;
  std::deque<const Node*> dirs{&root_};
  const size_t max_embed = max_embedded(false);
  while (!dirs.empty()) {
    const Node& d = *dirs.front();
    dirs.pop_front();
    ++directories_;
    uint64_t bytes = kParentIdentifierBytes;
    for (const auto& id : identifiers_of(d)) bytes += identifier_length(id.size());
    if (bytes > 0xFFFFFFFFu)
      fail(IMAPI_E_TOO_MANY_DIRS, "directory '" + d.name + "' has too many entries for one UDF directory");
    first_block_[d.layout_slot] = next;
    data_bytes_[d.layout_slot] = static_cast<uint32_t>(bytes);
    next += 1 + blocks_of(bytes);
    for (const auto& c : d.children) {
      if (c->is_dir()) {
        dirs.push_back(c.get());
        continue;
      }
      ++files_;
      first_block_[c->layout_slot] = next++;
      if (c->kind == NodeKind::symlink) {
        size_t n = symlink_components(c->link_target()).size();
        if (n > max_embed) {
          data_bytes_[c->layout_slot] = static_cast<uint32_t>(n);
          next += blocks_of(n);
        }
      } else if (extents_for(static_cast<uint64_t>(c->data_size())) > max_extents(false)) {
        fail(IMAPI_E_DATA_TOO_BIG, "'" + c->name + "' has " + std::to_string(c->data_size()) +
                                       " bytes; a UDF file entry of this library describes at most " +
                                       std::to_string(max_extents(false)) + " extents of 1 GiB");
      }
    }
  }
  entry_blocks_ = next;
  if (!metadata_) {
    entries_at_ = area;
    lbn_offset_ = static_cast<uint32_t>(area - partition_start);
    return entry_blocks_;
  }
  // Metadata partition (UDF 2.2.13): the metadata file's and the mirror's
  // entries, then the metadata extent aligned to the allocation unit within the
  // partition, then the mirror's own copy when it has one.
  metadata_extent_blocks_ = round_up(entry_blocks_, kAllocationUnit);
  const int64_t after_entries = area + 2 - partition_start;
  const int64_t extent_lbn = round_up(static_cast<uint32_t>(after_entries), kAllocationUnit);
  entries_at_ = partition_start + extent_lbn;
  lbn_offset_ = 0;
  mirror_at_ = options_.redundant_metadata ? entries_at_ + metadata_extent_blocks_ : -1;
  const int64_t end = entries_at_ + metadata_extent_blocks_ * (options_.redundant_metadata ? 2 : 1);
  return end - area;
}

void UdfWriter::store_entries(const Store& store, uint32_t x, const std::vector<uint8_t>& bytes) const {
  store(entries_at_ + x, bytes.data(), bytes.size());
}

void UdfWriter::write_run(const Node& d, const Store& store) {
  const uint32_t start = first(d);
  // The run ends where the last non-directory child's blocks end.
  uint32_t end = start + 1 + blocks_of(data_bytes_[d.layout_slot]);
  for (const auto& c : d.children)
    if (!c->is_dir()) end = first(*c) + 1 + blocks_of(data_bytes_[c->layout_slot]);
  std::vector<uint8_t> run(static_cast<size_t>(end - start) * kBlockSize, 0);
  auto block_at = [&](uint32_t x) { return run.data() + static_cast<size_t>(x - start) * kBlockSize; };

  const bool is_root = &d == &root_;
  const Node* parent = is_root ? &root_ : nullptr;
  if (!is_root) {
    auto p = d.parent.lock();
    parent = p ? p.get() : &root_;
  }
  FileEntryFields fe;
  fe.type = kFileTypeDirectory;
  fe.uid = d.uid;
  fe.gid = d.gid;
  fe.mode = d.mode;
  fe.links = links_of(d);
  const Times dt = d.times;
  fe.access_ns = dt.access;
  fe.modification_ns = dt.modification;
  fe.creation_ns = dt.creation;
  fe.unique_id = unique_id(d);
  fe.size = data_bytes_[d.layout_slot];
  fe.data = {lbn(start + 1), fe.size, entry_partition()};
  write_file_entry(block_at(start), lbn(start), revision_, fe);

  // Identifiers: the parent first, then the children in the tree's order.
  uint8_t* ids = block_at(start + 1);
  size_t pos = 0;
  auto put = [&](const Identifier& id) {
    write_identifier(ids + pos, lbn(start + 1 + static_cast<uint32_t>(pos / kBlockSize)), revision_, id);
    pos += identifier_length(id.name.size());
  };
  Identifier up;
  up.parent = up.directory = true;
  up.icb_block = lbn(first(*parent));
  up.icb_partition = entry_partition();
  up.unique_id = static_cast<uint32_t>(unique_id(*parent));
  put(up);
  const auto names = identifiers_of(d);
  for (size_t i = 0; i < d.children.size(); ++i) {
    const Node& c = *d.children[i];
    Identifier id;
    id.name = names[i];
    id.directory = c.is_dir();
    id.hidden = c.hidden;
    id.icb_block = lbn(first(c));
    id.icb_partition = entry_partition();
    id.unique_id = static_cast<uint32_t>(unique_id(c));
    put(id);
  }

  std::vector<DataExtent> recorded;
  for (const auto& cp : d.children) {
    const Node& c = *cp;
    if (c.is_dir()) continue;
    FileEntryFields f;
    f.uid = c.uid;
    f.gid = c.gid;
    f.mode = c.mode;
    const Times ct = c.times;
    f.access_ns = ct.access;
    f.modification_ns = ct.modification;
    f.creation_ns = ct.creation;
    f.unique_id = unique_id(c);
    std::vector<uint8_t> components;
    if (c.kind == NodeKind::symlink) {
      f.type = kFileTypeSymlink;
      components = symlink_components(c.link_target());
      f.size = components.size();
      if (data_bytes_[c.layout_slot] == 0) {
        f.embed = true;
        f.embedded = components;
      } else {
        f.data = {lbn(first(c) + 1), components.size(), entry_partition()};
        std::memcpy(block_at(first(c) + 1), components.data(), components.size());
      }
    } else {
      const FileData data = data_of_(c);
      f.type = kFileTypeRegular;
      f.size = static_cast<uint64_t>(c.data_size());
      if (data.recorded) {
        // Where a previous session holds it: absolute blocks, inside the
        // partition because it then starts at the disc's first block.
        const int64_t partition_at = partition_start_ + options_.session_start;
        recorded.clear();
        for (const auto& x : *data.recorded) {
          if (x.block < partition_at)
            fail(IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION,
                 "'" + c.name + "' of the previous session lies before the UDF partition");
          recorded.push_back({static_cast<uint32_t>(x.block - partition_at), static_cast<uint64_t>(x.size), 0});
        }
        f.more = recorded;
      } else if (data.bytes > 0) {
        f.data = {static_cast<uint32_t>(data.block - partition_start_), static_cast<uint64_t>(data.bytes), 0};
      }
    }
    write_file_entry(block_at(first(c)), lbn(first(c)), revision_, f);
  }
  store_entries(store, start, run);
}

void UdfWriter::write(const Store& store) {
  std::vector<uint8_t> block(kBlockSize);
  write_file_set(block.data(), lbn(0), options_.volume, lbn(first(root_)), entry_partition());
  store_entries(store, 0, block);
  write_terminating(block.data(), lbn(1), revision_.descriptor_version());
  store_entries(store, 1, block);
  std::deque<const Node*> dirs{&root_};
  while (!dirs.empty()) {
    const Node& d = *dirs.front();
    dirs.pop_front();
    write_run(d, store);
    for (const auto& c : d.children)
      if (c->is_dir()) dirs.push_back(c.get());
  }
  write_volume(store);
}

void UdfWriter::write_volume(const Store& store) const {
  std::vector<uint8_t> b(kBlockSize);
  auto put = [&](int64_t at) { store(at, b.data(), b.size()); };
  const VolumeInfo& v = options_.volume;
  const uint16_t version = revision_.descriptor_version();

  write_recognition(b.data(), "BEA01");
  put(recognition_);
  write_recognition(b.data(), revision_.ecma167_3rd() ? "NSR03" : "NSR02");
  put(recognition_ + 1);
  write_recognition(b.data(), "TEA01");
  put(recognition_ + 2);

  const uint32_t partition_blocks = static_cast<uint32_t>(last_anchor_ - partition_start_);
  MetadataPartition md;
  if (metadata_) {
    md.metadata_file = static_cast<uint32_t>(area_ - partition_start_);
    md.mirror_file = md.metadata_file + 1;
    md.allocation_unit = kAllocationUnit;
    md.alignment_unit = kAllocationUnit;
    md.duplicated = mirror_at_ >= 0;
  }
  const Extent integrity{absolute(kIntegrityBlock), 2};
  for (int64_t seq_start : {kMainSequenceBlock, kReserveSequenceBlock}) {
    uint32_t at = absolute(seq_start);
    write_primary_volume(b.data(), at, 0, v);
    put(seq_start);
    write_implementation_use(b.data(), at + 1, 1, v);
    put(seq_start + 1);
    write_partition(b.data(), at + 2, 2, v, absolute(partition_start_), partition_blocks);
    put(seq_start + 2);
    write_logical_volume(b.data(), at + 3, 3, v, lbn(0), metadata_ ? &md : nullptr, integrity);
    put(seq_start + 3);
    write_unallocated_space(b.data(), at + 4, 4, version);
    put(seq_start + 4);
    write_terminating(b.data(), at + 5, version);
    put(seq_start + 5);
  }

  IntegrityCounts counts;
  counts.next_unique_id = 16 + entry_blocks_;
  counts.files = files_;
  counts.directories = directories_;
  counts.partition_blocks = partition_blocks;
  counts.metadata_blocks = metadata_extent_blocks_;
  write_integrity(b.data(), absolute(kIntegrityBlock), v, metadata_, counts);
  put(kIntegrityBlock);
  write_terminating(b.data(), absolute(kIntegrityBlock + 1), version);
  put(kIntegrityBlock + 1);

  if (metadata_) {
    // The metadata file and its mirror, in the physical partition.
    FileEntryFields f;
    f.extended = true;  // the kernel, like UDF 2.50's own figures, expects extended entries here
    f.mode = 0;
    f.short_ads = true;
    f.modification_ns = f.access_ns = f.creation_ns = v.time_ns;
    f.size = static_cast<uint64_t>(metadata_extent_blocks_) * kBlockSize;
    f.type = kFileTypeMetadata;
    f.data = {static_cast<uint32_t>(entries_at_ - partition_start_), f.size, 0};
    write_file_entry(b.data(), md.metadata_file, revision_, f);
    put(area_);
    f.type = kFileTypeMetadataMirror;
    if (mirror_at_ >= 0) f.data.block = static_cast<uint32_t>(mirror_at_ - partition_start_);
    write_file_entry(b.data(), md.mirror_file, revision_, f);
    put(area_ + 1);
  }

  const Extent main{absolute(kMainSequenceBlock), static_cast<uint32_t>(kSequenceBlocks)};
  const Extent reserve{absolute(kReserveSequenceBlock), static_cast<uint32_t>(kSequenceBlocks)};
  write_anchor(b.data(), absolute(kFirstAnchorBlock), version, main, reserve);
  put(kFirstAnchorBlock);
  write_anchor(b.data(), absolute(last_anchor_), version, main, reserve);
  put(last_anchor_);
}

}  // namespace imapi::fs::udf
