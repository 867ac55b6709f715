// IMAPI2FS's IFileSystemImage: the tree being built, its options, and the undo
// journal behind change points. Every public member locks the image, so item
// handles of one image may be used from several threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fs/image/skipped_entries.hpp"
#include "fs/layout/image_layout.hpp"
#include "fs/reader/block_source.hpp"
#include "fs/tree/node.hpp"

namespace imapi::fs {

// IFileSystemImage's properties: what the image will be (VolumeOptions, shared
// with the layout), and what only the image object uses.
struct ImageOptions : VolumeOptions {
  bool restricted_charset = false;
  int64_t free_media_blocks = IMAPI_DEFAULT_FREE_MEDIA_BLOCKS;
  bool stage_files = false;
  // What AddTree does with a host symbolic link (IMAPI_SYMLINKS_*).
  int32_t symlink_policy = IMAPI_SYMLINKS_RECORD;
};

class FileSystemImage : public std::enable_shared_from_this<FileSystemImage> {
 public:
  static std::shared_ptr<FileSystemImage> create();

  // Options (IMAPI properties).
  ImageOptions options() const;
  void set_volume_name(const std::string& name);
  void set_file_systems(int32_t mask);
  void set_iso_level(int32_t level);
  // UDFRevision: one of udf::kRevisions; fixed once a session was imported.
  void set_udf_revision(int32_t revision);
  void set_redundant_udf_metadata(bool on);
  // ChooseImageDefaultsForMediaType (IMAPI_MEDIA_TYPE_*).
  void choose_defaults_for_media(int32_t media_type);
  void set_strict(bool strict);
  void set_restricted_charset(bool restricted);
  void set_rr_relocation(bool relocate);
  void set_free_media_blocks(int64_t blocks);
  void set_session_start_block(int64_t lba);
  void set_working_directory(const std::string& path);
  void set_stage_files(bool stage);
  // IMAPI_SYMLINKS_RECORD, _FOLLOW or _SKIP; anything else is IMAPI_E_INVALIDARG.
  void set_symlink_policy(int32_t policy);
  static int32_t file_systems_supported();

  int64_t file_count() const;
  int64_t directory_count() const;
  int64_t used_blocks() const;

  // Change points.
  int64_t change_point() const;
  void rollback_to(int64_t id);
  void lock_in();

  // The tree. An item's paths are relative to `dir` ('/'-separated, never with
  // a leading '/': IMAPI_E_INVALID_PATH); an image path starts at the root,
  // with or without the leading '/'. Malformed paths ('//', '.', '..') are
  // IMAPI_E_INVALID_PATH, never "not found".
  std::shared_ptr<Node> root() const { return root_; }
  std::shared_ptr<Node> find(const Node& dir, const std::string& path) const;
  std::shared_ptr<Node> find(const std::string& image_path) const;
  void add_directory(const std::shared_ptr<Node>& dir, const std::string& path);
  void add_file(const std::shared_ptr<Node>& dir, const std::string& path, std::shared_ptr<const DataSource> data);
  void add_symlink(const std::shared_ptr<Node>& dir, const std::string& path, const std::string& target);
  void add_tree(const std::shared_ptr<Node>& dir, const std::string& host_dir, bool include_base);
  // What add_tree calls left out (SkippedEntries: bounded, journaled like the
  // tree). An entry stays where it is until a rollback removes it.
  int64_t skipped_total(int32_t reason) const;
  int64_t skipped_kept() const;
  const SkippedEntry& skipped_entry(int64_t index) const;
  void add_item(const std::shared_ptr<Node>& dir, const std::shared_ptr<Node>& item);
  void remove(const std::shared_ptr<Node>& dir, const std::string& path, bool recursive);
  std::shared_ptr<Node> create_detached(NodeKind kind, const std::string& name);

  // Item attributes (journaled, so rollback restores them).
  void set_times(const std::shared_ptr<Node>& node, const Times& times);
  void set_hidden(const std::shared_ptr<Node>& node, bool hidden);
  void set_posix(const std::shared_ptr<Node>& node, uint32_t mode, uint32_t uid, uint32_t gid);
  void set_data(const std::shared_ptr<Node>& node, std::shared_ptr<const DataSource> data);
  // Reads a node's attributes consistently with concurrent writers.
  template <typename F>
  auto read(F&& f) const {
    std::lock_guard lock(mutex_);
    return f();
  }

  // "/a/b" when attached to this image's root, nullopt when detached.
  std::optional<std::string> full_path(const Node& node) const;
  // The name/path a file system records for a node (IFsiItem.FileSystemName/Path).
  std::string file_system_name(const Node& node, int32_t file_system) const;
  std::string file_system_path(const Node& node, int32_t file_system) const;

  std::shared_ptr<const ImageLayout> create_result() const;

  // ImportFileSystem / ImportSpecificFileSystem from an image (or disc) whose
  // session to import starts at `session_block`. `file_system` 0 picks Rock
  // Ridge, then Joliet, then ISO 9660; else IMAPI_FS_ROCKRIDGE/_JOLIET/_ISO9660.
  // Items already in the tree win over imported ones; imported files keep
  // pointing at their data in the previous session. Returns the file system used.
  int32_t import_session(std::shared_ptr<BlockSource> source, int64_t session_block, int32_t file_system);

 private:
  FileSystemImage();
  LayoutOptions layout_options() const;
  std::shared_ptr<Node> find_parts(const Node& dir, const std::vector<std::string>& parts) const;
  std::shared_ptr<Node> parent_dir_for(const std::shared_ptr<Node>& dir, const std::string& path,
                                       std::string& leaf) const;
  void check_name(const std::string& name) const;
  void check_fits(int64_t more_blocks) const;
  void check_file_size(int64_t size, std::string_view name) const;
  // link/unlink change the tree and the counts; attach/detach also journal the inverse.
  void link(const std::shared_ptr<Node>& parent, const std::shared_ptr<Node>& node);
  void unlink(const std::shared_ptr<Node>& node);
  void attach(const std::shared_ptr<Node>& parent, const std::shared_ptr<Node>& node, bool journal = true);
  void detach(const std::shared_ptr<Node>& node);
  void undo_to(int64_t id);
  // A node with the defaults of its kind; made in `batch` when given. Its times
  // are `time_ns`, else now (reproducible_now_ns reads the environment: AddTree
  // reads it once, not once a file).
  std::shared_ptr<Node> new_node(NodeKind kind, const std::string& name, NodeBatch* batch = nullptr,
                                 std::optional<int64_t> time_ns = std::nullopt) const;
  std::shared_ptr<const DataSource> maybe_stage(std::shared_ptr<const DataSource> data) const;
  void require_empty_for(const char* what) const;

  mutable std::recursive_mutex mutex_;
  std::shared_ptr<Node> root_;
  ImageOptions options_;
  bool imported_ = false;  // a previous session was imported: file systems and UDF revision are fixed
  SubtreeStats stats_;  // of the attached tree, root excluded from directories
  SkippedEntries skipped_;
  std::vector<std::function<void()>> undo_;
  mutable std::shared_ptr<StashFile> stash_;  // StageFiles: created on first use, under mutex_
  int64_t locked_base_ = 0;
};

}  // namespace imapi::fs
