// extern "C" shims for imapi_fsimage (IFileSystemImage) and imapi_fsimage_result.
#include <algorithm>
#include <span>
#include <vector>

#include "capi/handles.hpp"
#include "core/clock.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/layout/image_writer.hpp"
#include "fs/layout/progress_items.hpp"
#include "fs/reader/image_reader.hpp"
#include "fs/udf/revision.hpp"

using namespace imapi;
using namespace imapi::capi;
using imapi::fs::FileSystemImage;

namespace {

template <typename F>
imapi_status on_image(imapi_fsimage* h, F&& f) {
  return with_handle(h, "image", [&](imapi_fsimage& x) { f(*x.image); });
}

template <typename T, typename F>
imapi_status get_from_image(imapi_fsimage* h, T* out, F&& f) {
  return on_image(h, [&](FileSystemImage& img) { *check_out(out, "out") = f(img); });
}

imapi_status get_string(imapi_fsimage* h, char** out, std::string (*f)(const FileSystemImage&)) {
  return on_image(h, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    *out = dup_string(f(img));
  });
}

template <typename F>
imapi_status on_result(imapi_fsimage_result* h, F&& f) {
  return with_handle(h, "result", [&](imapi_fsimage_result& x) { f(*x.layout); });
}

std::string effective_volume_name(const FileSystemImage& img) {
  auto o = img.options();
  return o.volume_name.empty() ? fs::default_volume_name(reproducible_now_ns()) : o.volume_name;
}

}  // namespace

extern "C" {

IMAPI_API imapi_status imapi_fsimage_create(imapi_fsimage** out) {
  return guard([&] {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_fsimage{FileSystemImage::create()});
    return IMAPI_S_OK;
  });
}

IMAPI_API void imapi_fsimage_free(imapi_fsimage* image) { free_handle(image); }

IMAPI_API imapi_status imapi_fsimage_get_root(imapi_fsimage* image, imapi_fsitem** out) {
  return on_image(image, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_fsitem{image->image, img.root()});
  });
}

IMAPI_API imapi_status imapi_fsimage_set_volume_name(imapi_fsimage* image, const char* name) {
  return on_image(image, [&](FileSystemImage& img) { img.set_volume_name(check_str(name, "name")); });
}

IMAPI_API imapi_status imapi_fsimage_get_volume_name(imapi_fsimage* image, char** out) {
  return get_string(image, out, [](const FileSystemImage& img) { return img.options().volume_name; });
}

IMAPI_API imapi_status imapi_fsimage_get_volume_name_iso9660(imapi_fsimage* image, char** out) {
  return get_string(image, out,
                    [](const FileSystemImage& img) { return fs::iso9660_volume_name(effective_volume_name(img)); });
}

IMAPI_API imapi_status imapi_fsimage_get_volume_name_joliet(imapi_fsimage* image, char** out) {
  return get_string(image, out,
                    [](const FileSystemImage& img) { return fs::joliet_volume_name(effective_volume_name(img)); });
}

IMAPI_API imapi_status imapi_fsimage_get_volume_name_udf(imapi_fsimage* image, char** out) {
  return get_string(image, out,
                    [](const FileSystemImage& img) { return fs::udf_volume_name(effective_volume_name(img)); });
}

IMAPI_API imapi_status imapi_fsimage_set_file_systems_to_create(imapi_fsimage* image, int32_t mask) {
  return on_image(image, [&](FileSystemImage& img) { img.set_file_systems(mask); });
}

IMAPI_API imapi_status imapi_fsimage_get_file_systems_to_create(imapi_fsimage* image, int32_t* mask) {
  return get_from_image(image, mask, [](FileSystemImage& img) { return img.options().file_systems; });
}

IMAPI_API imapi_status imapi_fsimage_get_file_systems_supported(imapi_fsimage* image, int32_t* mask) {
  return get_from_image(image, mask, [](FileSystemImage&) { return FileSystemImage::file_systems_supported(); });
}

IMAPI_API imapi_status imapi_fsimage_set_iso9660_level(imapi_fsimage* image, int32_t level) {
  return on_image(image, [&](FileSystemImage& img) { img.set_iso_level(level); });
}

IMAPI_API imapi_status imapi_fsimage_get_iso9660_level(imapi_fsimage* image, int32_t* level) {
  return get_from_image(image, level, [](FileSystemImage& img) { return img.options().iso_level; });
}

IMAPI_API imapi_status imapi_fsimage_get_iso9660_levels_supported(imapi_fsimage* image, int32_t* levels, int32_t cap,
                                                                  int32_t* count) {
  static constexpr int32_t kLevels[] = {1, 2, 3};
  return on_image(image, [&](FileSystemImage&) { copy_list(kLevels, levels, cap, count, "levels"); });
}

IMAPI_API imapi_status imapi_fsimage_set_udf_revision(imapi_fsimage* image, int32_t revision) {
  return on_image(image, [&](FileSystemImage& img) { img.set_udf_revision(revision); });
}

IMAPI_API imapi_status imapi_fsimage_get_udf_revision(imapi_fsimage* image, int32_t* revision) {
  return get_from_image(image, revision, [](FileSystemImage& img) { return img.options().udf_revision; });
}

IMAPI_API imapi_status imapi_fsimage_get_udf_revisions_supported(imapi_fsimage* image, int32_t* revisions, int32_t cap,
                                                                 int32_t* count) {
  return on_image(image, [&](FileSystemImage&) {
    std::vector<int32_t> all(std::begin(fs::udf::kRevisions), std::end(fs::udf::kRevisions));
    copy_list(all, revisions, cap, count, "revisions");
  });
}

IMAPI_API imapi_status imapi_fsimage_set_create_redundant_udf_metadata_files(imapi_fsimage* image, int32_t on) {
  return on_image(image, [&](FileSystemImage& img) { img.set_redundant_udf_metadata(on != 0); });
}

IMAPI_API imapi_status imapi_fsimage_get_create_redundant_udf_metadata_files(imapi_fsimage* image, int32_t* on) {
  return get_from_image(image, on,
                        [](FileSystemImage& img) { return int32_t{img.options().redundant_udf_metadata}; });
}

IMAPI_API imapi_status imapi_fsimage_get_default_file_system_for_import(imapi_fsimage* image, int32_t file_systems,
                                                                       int32_t* default_file_system) {
  return on_image(image, [&](FileSystemImage&) {
    check_out(default_file_system, "default_file_system");
    const int32_t fs = fs::default_import_file_system(file_systems);
    if (fs == 0)
      throw Error(IMAPI_E_NO_SUPPORTED_FILE_SYSTEM,
                  "the mask names no file system to import (ISO 9660, Joliet, Rock Ridge or UDF)");
    *default_file_system = fs;
  });
}

IMAPI_API imapi_status imapi_fsimage_choose_image_defaults_for_media_type(imapi_fsimage* image, int32_t media_type) {
  return on_image(image, [&](FileSystemImage& img) { img.choose_defaults_for_media(media_type); });
}

IMAPI_API imapi_status imapi_fsimage_set_strict_compliance(imapi_fsimage* image, int32_t strict) {
  return on_image(image, [&](FileSystemImage& img) { img.set_strict(strict != 0); });
}

IMAPI_API imapi_status imapi_fsimage_get_strict_compliance(imapi_fsimage* image, int32_t* strict) {
  return get_from_image(image, strict, [](FileSystemImage& img) { return int32_t{img.options().strict}; });
}

IMAPI_API imapi_status imapi_fsimage_set_restricted_charset(imapi_fsimage* image, int32_t restricted) {
  return on_image(image, [&](FileSystemImage& img) { img.set_restricted_charset(restricted != 0); });
}

IMAPI_API imapi_status imapi_fsimage_get_restricted_charset(imapi_fsimage* image, int32_t* restricted) {
  return get_from_image(image, restricted,
                        [](FileSystemImage& img) { return int32_t{img.options().restricted_charset}; });
}

IMAPI_API imapi_status imapi_fsimage_set_free_media_blocks(imapi_fsimage* image, int64_t blocks) {
  return on_image(image, [&](FileSystemImage& img) { img.set_free_media_blocks(blocks); });
}

IMAPI_API imapi_status imapi_fsimage_get_free_media_blocks(imapi_fsimage* image, int64_t* blocks) {
  return get_from_image(image, blocks, [](FileSystemImage& img) { return img.options().free_media_blocks; });
}

IMAPI_API imapi_status imapi_fsimage_get_used_blocks(imapi_fsimage* image, int64_t* blocks) {
  return get_from_image(image, blocks, [](FileSystemImage& img) { return img.used_blocks(); });
}

IMAPI_API imapi_status imapi_fsimage_get_file_count(imapi_fsimage* image, int64_t* count) {
  return get_from_image(image, count, [](FileSystemImage& img) { return img.file_count(); });
}

IMAPI_API imapi_status imapi_fsimage_get_directory_count(imapi_fsimage* image, int64_t* count) {
  return get_from_image(image, count, [](FileSystemImage& img) { return img.directory_count(); });
}

IMAPI_API imapi_status imapi_fsimage_set_session_start_block(imapi_fsimage* image, int64_t lba) {
  return on_image(image, [&](FileSystemImage& img) { img.set_session_start_block(lba); });
}

IMAPI_API imapi_status imapi_fsimage_get_session_start_block(imapi_fsimage* image, int64_t* lba) {
  return get_from_image(image, lba, [](FileSystemImage& img) { return img.options().session_start_block; });
}

IMAPI_API imapi_status imapi_fsimage_get_change_point(imapi_fsimage* image, int64_t* id) {
  return get_from_image(image, id, [](FileSystemImage& img) { return img.change_point(); });
}

IMAPI_API imapi_status imapi_fsimage_rollback_to_change_point(imapi_fsimage* image, int64_t id) {
  return on_image(image, [&](FileSystemImage& img) { img.rollback_to(id); });
}

IMAPI_API imapi_status imapi_fsimage_lock_in_change_point(imapi_fsimage* image) {
  return on_image(image, [&](FileSystemImage& img) { img.lock_in(); });
}

IMAPI_API imapi_status imapi_fsimage_set_working_directory(imapi_fsimage* image, const char* path) {
  return on_image(image, [&](FileSystemImage& img) { img.set_working_directory(check_str(path, "path")); });
}

IMAPI_API imapi_status imapi_fsimage_get_working_directory(imapi_fsimage* image, char** out) {
  return get_string(image, out, [](const FileSystemImage& img) { return img.options().working_directory; });
}

IMAPI_API imapi_status imapi_fsimage_set_stage_files(imapi_fsimage* image, int32_t stage) {
  return on_image(image, [&](FileSystemImage& img) { img.set_stage_files(stage != 0); });
}

IMAPI_API imapi_status imapi_fsimage_get_stage_files(imapi_fsimage* image, int32_t* stage) {
  return get_from_image(image, stage, [](FileSystemImage& img) { return int32_t{img.options().stage_files}; });
}

IMAPI_API imapi_status imapi_fsimage_set_symlink_policy(imapi_fsimage* image, int32_t policy) {
  return on_image(image, [&](FileSystemImage& img) { img.set_symlink_policy(policy); });
}

IMAPI_API imapi_status imapi_fsimage_get_symlink_policy(imapi_fsimage* image, int32_t* policy) {
  return get_from_image(image, policy, [](FileSystemImage& img) { return img.options().symlink_policy; });
}

IMAPI_API imapi_status imapi_fsimage_get_skipped_total(imapi_fsimage* image, int32_t reason, int64_t* count) {
  return get_from_image(image, count, [&](FileSystemImage& img) { return img.skipped_total(reason); });
}

IMAPI_API imapi_status imapi_fsimage_get_skipped_entry_count(imapi_fsimage* image, int64_t* count) {
  return get_from_image(image, count, [](FileSystemImage& img) { return img.skipped_kept(); });
}

IMAPI_API imapi_status imapi_fsimage_get_skipped_entry(imapi_fsimage* image, int64_t index, imapi_skipped_entry* out) {
  return on_image(image, [&](FileSystemImage& img) {
    checked_struct_size(out, "out");
    const auto& e = img.skipped_entry(index);
    fill_struct(out, "out", [&](imapi_skipped_entry& o) {
      o.reason = static_cast<int32_t>(e.reason);
      o.host_path = e.host_path.c_str();
    });
  });
}

IMAPI_API imapi_status imapi_fsimage_exists(imapi_fsimage* image, const char* path, int32_t* type) {
  return on_image(image, [&](FileSystemImage& img) {
    check_str(path, "path");
    auto node = img.find(std::string(path));
    *check_out(type, "type") = !node                                   ? IMAPI_ITEM_NOT_FOUND
                               : node->is_dir()                        ? IMAPI_ITEM_DIRECTORY
                               : node->kind == fs::NodeKind::symlink ? IMAPI_ITEM_SYMLINK
                                                                       : IMAPI_ITEM_FILE;
  });
}

IMAPI_API imapi_status imapi_fsimage_get_item(imapi_fsimage* image, const char* path, imapi_fsitem** out) {
  return on_image(image, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    auto node = img.find(std::string(check_str(path, "path")));
    if (!node) fail_at(IMAPI_E_ITEM_NOT_FOUND, quoted(path) + " is not in the image", path);
    make_handle(out, imapi_fsitem{image->image, node});
  });
}

IMAPI_API imapi_status imapi_fsimage_create_directory_item(imapi_fsimage* image, const char* name, imapi_fsitem** out) {
  return on_image(image, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_fsitem{image->image, img.create_detached(fs::NodeKind::directory, check_str(name, "name"))});
  });
}

IMAPI_API imapi_status imapi_fsimage_create_file_item(imapi_fsimage* image, const char* name, imapi_fsitem** out) {
  return on_image(image, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_fsitem{image->image, img.create_detached(fs::NodeKind::file, check_str(name, "name"))});
  });
}

IMAPI_API imapi_status imapi_fsimage_create_result_image(imapi_fsimage* image, imapi_fsimage_result** out) {
  return on_image(image, [&](FileSystemImage& img) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_fsimage_result{img.create_result()});
  });
}

IMAPI_API imapi_status imapi_fsimage_import_stream(imapi_fsimage* image, imapi_stream* previous,
                                                   int64_t session_block, int32_t file_system, int32_t* imported) {
  return on_image(image, [&](FileSystemImage& img) {
    check(previous, "stream");
    int32_t used = img.import_session(fs::stream_source(previous->stream), session_block, file_system);
    if (imported) *imported = used;
  });
}

// ---- results -----------------------------------------------------------------------

IMAPI_API void imapi_fsimage_result_free(imapi_fsimage_result* result) { free_handle(result); }

IMAPI_API imapi_status imapi_fsimage_result_get_image_stream(imapi_fsimage_result* result, imapi_stream** out) {
  return on_result(result, [&](const fs::ImageLayout&) {
    check_out(out, "out");
    *out = nullptr;
    make_handle(out, imapi_stream{std::make_shared<fs::ImageStream>(result->layout)});
  });
}

IMAPI_API imapi_status imapi_fsimage_result_get_total_blocks(imapi_fsimage_result* result, int64_t* blocks) {
  return on_result(result, [&](const fs::ImageLayout& l) { *check_out(blocks, "blocks") = l.total_blocks; });
}

IMAPI_API imapi_status imapi_fsimage_result_get_block_size(imapi_fsimage_result* result, int32_t* size) {
  return on_result(result, [&](const fs::ImageLayout&) { *check_out(size, "size") = IMAPI_SECTOR_SIZE; });
}

IMAPI_API imapi_status imapi_fsimage_result_get_disc_id(imapi_fsimage_result* result, char** out) {
  return on_result(result, [&](const fs::ImageLayout& l) {
    check_out(out, "out");
    *out = dup_string(l.disc_id);
  });
}

IMAPI_API imapi_status imapi_fsimage_result_get_progress_item_count(imapi_fsimage_result* result, int64_t* count) {
  return on_result(result, [&](const fs::ImageLayout& l) { *check_out(count, "count") = fs::progress_item_count(l); });
}

IMAPI_API imapi_status imapi_fsimage_result_get_progress_item(imapi_fsimage_result* result, int64_t index,
                                                              imapi_progress_item* out) {
  return on_result(result, [&](const fs::ImageLayout& l) {
    checked_struct_size(out, "out");
    const fs::ProgressItem item = fs::progress_item(l, index);
    fill_struct(out, "out", [&](imapi_progress_item& o) {
      o.description = item.description;
      o.first_block = item.first_block;
      o.last_block = item.last_block;
      o.block_count = item.block_count;
    });
  });
}

IMAPI_API imapi_status imapi_fsimage_result_find_progress_item_by_block(imapi_fsimage_result* result, int64_t block,
                                                                        int64_t* index) {
  return on_result(result, [&](const fs::ImageLayout& l) {
    *check_out(index, "index") = fs::progress_item_by_block(l, block);
  });
}

IMAPI_API imapi_status imapi_fsimage_result_find_progress_item_by_description(imapi_fsimage_result* result,
                                                                              const char* description, int64_t* index) {
  return on_result(result, [&](const fs::ImageLayout& l) {
    check_out(index, "index");
    *index = fs::progress_item_by_description(l, check_str(description, "description"));
  });
}

IMAPI_API imapi_status imapi_fsimage_result_write_file(imapi_fsimage_result* result, const char* path,
                                                       imapi_progress_fn progress, void* user) {
  return on_result(result, [&](const fs::ImageLayout& l) {
    CallbackProgress sink(progress, user);
    fs::write_image_file(l, check_str(path, "path"), sink);
  });
}

IMAPI_API imapi_status imapi_fsimage_result_write_file_start(imapi_fsimage_result* result, const char* path,
                                                             imapi_job** job) {
  return on_result(result, [&](const fs::ImageLayout&) {
    check_out(job, "job");
    *job = nullptr;
    std::string target = check_str(path, "path");
    auto layout = result->layout;
    make_handle(job, imapi_job{Job::start([layout, target](ProgressSink& sink) {
                                 fs::write_image_file(*layout, target, sink);
                               })});
  });
}

IMAPI_API imapi_status imapi_fsimage_set_rr_relocation(imapi_fsimage* image, int32_t relocate) {
  return on_image(image, [&](FileSystemImage& img) { img.set_rr_relocation(relocate != 0); });
}

IMAPI_API imapi_status imapi_fsimage_get_rr_relocation(imapi_fsimage* image, int32_t* relocate) {
  return get_from_image(image, relocate, [](FileSystemImage& img) { return int32_t{img.options().rr_relocation}; });
}

}  // extern "C"
