// extern "C" shims for imapi_iso_image_manager (IIsoImageManager) and imapi_image_reader.
#include "capi/handles.hpp"
#include "fs/reader/extract.hpp"
#include "fs/reader/image_reader.hpp"

using namespace imapi;
using namespace imapi::capi;
using imapi::fs::EntryKind;
using imapi::fs::ImageReader;

namespace {

void open_reader(imapi_image_reader** out, std::shared_ptr<fs::BlockSource> source) {
  check_out(out, "out");
  *out = nullptr;
  auto reader = std::make_shared<ImageReader>(std::move(source));
  make_handle(out, imapi_image_reader{std::move(reader), {}, {}});
}

// The entries of the last listing (empty before any).
const std::vector<fs::ImageEntry>& last_listing(const imapi_image_reader& r) {
  static const std::vector<fs::ImageEntry> none;
  return r.listing ? r.listing->entries() : none;
}

// The last listing of `file_system`, read now if it was never listed.
const fs::EntryIndex& listing_of(imapi_image_reader& r, int32_t file_system) {
  auto& listing = r.listings[file_system];
  if (!listing) listing = std::make_shared<const fs::EntryIndex>(r.reader->list(file_system));
  return *listing;
}

// What imapi_image_reader_extract writes: the last listing, or, when nothing was
// listed yet, the richest file system's tree (kept as that file system's listing
// only, so that get_entry and open_file by index still need imapi_image_reader_list).
const std::vector<fs::ImageEntry>& listing_to_extract(imapi_image_reader& r) {
  return r.listing ? r.listing->entries() : listing_of(r, r.reader->richest()).entries();
}

// A stream over a file entry's data, reading through the shared reader.
void open_entry(imapi_stream** out, const std::shared_ptr<ImageReader>& reader, const fs::ImageEntry& e) {
  if (e.kind != EntryKind::file) throw Error(IMAPI_E_NOT_FILE, "'" + e.path + "' is not a file");
  class EntryStream final : public Stream {
   public:
    EntryStream(std::shared_ptr<ImageReader> rd, fs::ImageEntry en) : reader_(std::move(rd)), entry_(std::move(en)) {}
    int64_t read(void* buf, int64_t cap) override {
      int64_t n = std::clamp<int64_t>(entry_.size - pos_, 0, cap);
      if (n > 0) reader_->read(entry_, pos_, buf, n);
      pos_ += n;
      return n;
    }
    int64_t seek(int64_t offset, int whence) override { return pos_ = resolve_seek(pos_, entry_.size, offset, whence); }
    int64_t size() override { return entry_.size; }

   private:
    std::shared_ptr<ImageReader> reader_;
    fs::ImageEntry entry_;
    int64_t pos_ = 0;
  };
  make_handle(out, imapi_stream{std::make_shared<EntryStream>(reader, e)});
}

const char* file_system_name(int32_t fs) {
  switch (fs) {
    case IMAPI_FS_ISO9660: return "ISO 9660";
    case IMAPI_FS_JOLIET: return "Joliet";
    case IMAPI_FS_ROCKRIDGE: return "Rock Ridge";
    case IMAPI_FS_UDF: return "UDF";
    default: return "?";
  }
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_iso_image_manager_create(imapi_iso_image_manager** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_iso_image_manager{});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_iso_image_manager_free(imapi_iso_image_manager* manager) { free_handle(manager); }

IMAPI_API imapi_status imapi_iso_image_manager_set_path(imapi_iso_image_manager* manager, const char* path) {
  return with_handle(manager, "image manager",
                     [&](imapi_iso_image_manager& m) { m.manager.set_path(check_str(path, "path")); });
}

IMAPI_API imapi_status imapi_iso_image_manager_set_stream(imapi_iso_image_manager* manager, imapi_stream* stream) {
  return with_handle(manager, "image manager", [&](imapi_iso_image_manager& m) {
    check(stream, "stream");
    m.manager.set_stream(stream->stream);
  });
}

IMAPI_API imapi_status imapi_iso_image_manager_get_path(imapi_iso_image_manager* manager, char** out) {
  return with_handle(manager, "image manager", [&](imapi_iso_image_manager& m) {
    check_out(out, "out");
    *out = dup_string(m.manager.path());
  });
}

IMAPI_API imapi_status imapi_iso_image_manager_get_stream(imapi_iso_image_manager* manager, imapi_stream** out) {
  return with_handle(manager, "image manager", [&](imapi_iso_image_manager& m) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{m.manager.stream()});
  });
}

IMAPI_API imapi_status imapi_iso_image_manager_validate(imapi_iso_image_manager* manager) {
  return with_handle(manager, "image manager", [&](imapi_iso_image_manager& m) { m.manager.validate(); });
}

IMAPI_API imapi_status imapi_image_reader_open_path(const char* path, imapi_image_reader** out) {
  return guard([&] {
    open_reader(out, fs::open_file_source(check_str(path, "path")));
    return IMAPI_S_OK;
  });
}

IMAPI_API imapi_status imapi_image_reader_open_stream(imapi_stream* stream, imapi_image_reader** out) {
  return guard([&] {
    check(stream, "stream");
    open_reader(out, fs::stream_source(stream->stream));
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_image_reader_free(imapi_image_reader* reader) { free_handle(reader); }

IMAPI_API imapi_status imapi_image_reader_get_file_systems(imapi_image_reader* reader, int32_t* mask) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    *check_out(mask, "mask") = r.reader->file_systems();
  });
}

IMAPI_API imapi_status imapi_image_reader_get_volume_name(imapi_image_reader* reader, char** out) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    check_out(out, "out");
    *out = dup_string(r.reader->volume_name());
  });
}

IMAPI_API imapi_status imapi_image_reader_list(imapi_image_reader* reader, int32_t file_system, int64_t* count) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    check_out(count, "count");
    auto listing = std::make_shared<const fs::EntryIndex>(r.reader->list(file_system));
    r.listings[file_system] = listing;
    r.listing = std::move(listing);
    *count = static_cast<int64_t>(r.listing->entries().size());
  });
}

IMAPI_API imapi_status imapi_image_reader_get_entry(imapi_image_reader* reader, int64_t index, imapi_image_entry* out) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    checked_struct_size(out, "out");
    const auto& listing = last_listing(r);
    if (index < 0 || index >= static_cast<int64_t>(listing.size()))
      throw Error(IMAPI_E_INVALIDARG, "entry index " + std::to_string(index) + " is out of range; call imapi_image_reader_list first");
    const auto& e = listing[static_cast<size_t>(index)];
    fill_struct(out, "out", [&](imapi_image_entry& o) {
      o.path = e.path.c_str();
      o.type = e.kind == EntryKind::directory ? IMAPI_ENTRY_DIRECTORY
               : e.kind == EntryKind::symlink ? IMAPI_ENTRY_SYMLINK
                                              : IMAPI_ENTRY_FILE;
      o.size = e.size;
      o.mode = e.has_mode ? static_cast<int32_t>(e.mode) : -1;
      o.modified = e.mtime_ns;
      o.target = e.target.c_str();
    });
  });
}

IMAPI_API imapi_status imapi_image_reader_open_file(imapi_image_reader* reader, int64_t index, imapi_stream** out) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    check_out(out, "out");
    *out = nullptr;
    const auto& listing = last_listing(r);
    if (index < 0 || index >= static_cast<int64_t>(listing.size()))
      throw Error(IMAPI_E_INVALIDARG, "entry index " + std::to_string(index) + " is out of range");
    open_entry(out, r.reader, listing[static_cast<size_t>(index)]);
  });
}

IMAPI_API imapi_status imapi_image_reader_open_file_by_path(imapi_image_reader* reader, int32_t file_system,
                                                            const char* path, imapi_stream** out) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    check_out(out, "out");
    *out = nullptr;
    std::string want = check_str(path, "path");
    const fs::ImageEntry* e = listing_of(r, file_system).find(want);
    if (!e)
      throw Error(IMAPI_E_ITEM_NOT_FOUND, "the " + std::string(file_system_name(file_system)) +
                                              " tree of this image has no '" + want + "'");
    open_entry(out, r.reader, *e);
  });
}

IMAPI_API imapi_status imapi_image_reader_get_file_system_volume_name(imapi_image_reader* reader,
                                                                      int32_t file_system, char** out) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    check_out(out, "out");
    *out = dup_string(r.reader->volume_name(file_system));
  });
}

IMAPI_API imapi_status imapi_image_reader_extract(imapi_image_reader* reader, const char* dest,
                                                  imapi_progress_fn progress, void* user) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    CallbackProgress sink(progress, user);
    fs::extract_tree(*r.reader, listing_to_extract(r), check_str(dest, "dest"), sink, {r.extract_limit});
  });
}

IMAPI_API imapi_status imapi_image_reader_set_extract_limit(imapi_image_reader* reader, int64_t max_bytes) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) { r.extract_limit = max_bytes; });
}

IMAPI_API imapi_status imapi_image_reader_get_extract_limit(imapi_image_reader* reader, int64_t* max_bytes) {
  return with_handle(reader, "image reader", [&](imapi_image_reader& r) {
    *check_out(max_bytes, "max_bytes") = fs::extract_limit(r.extract_limit, r.reader->image_bytes());
  });
}

}  // extern "C"
