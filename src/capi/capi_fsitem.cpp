// extern "C" shims for imapi_fsitem (IFsiItem, IFsiDirectoryItem, IFsiFileItem).
#include "capi/handles.hpp"

using namespace imapi;
using namespace imapi::capi;
using imapi::fs::FileSystemImage;
using imapi::fs::Node;
using imapi::fs::NodeKind;

namespace {

template <typename F>
imapi_status on_item(imapi_fsitem* h, F&& f) {
  return with_handle(h, "item", [&](imapi_fsitem& x) { f(*x.image, x.node); });
}

void require_dir(const Node& n) {
  if (!n.is_dir()) throw Error(IMAPI_E_NOT_DIR, quoted(n.name) + " is not a directory");
}

void require_file(const Node& n) {
  if (n.kind != NodeKind::file) throw Error(IMAPI_E_NOT_FILE, quoted(n.name) + " is not a file");
}

void new_item(imapi_fsitem** out, const imapi_fsitem* from, std::shared_ptr<Node> node) {
  check_out(out, "out");
  *out = nullptr;
  make_handle(out, imapi_fsitem{from->image, std::move(node)});
}

template <typename F>
imapi_status set_time(imapi_fsitem* item, int64_t t, F&& which) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    fs::Times times = img.read([&]() -> fs::Times { return n->times; });
    which(times) = t;
    img.set_times(n, times);
  });
}

template <typename F>
imapi_status get_time(imapi_fsitem* item, int64_t* out, F&& which) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    *check_out(out, "t") = img.read([&]() -> int64_t {
      fs::Times times = n->times;
      return which(times);
    });
  });
}

}  // namespace

extern "C" {

IMAPI_API void imapi_fsitem_free(imapi_fsitem* item) { free_handle(item); }

IMAPI_API imapi_status imapi_fsitem_get_type(imapi_fsitem* item, int32_t* type) {
  return on_item(item, [&](FileSystemImage&, const std::shared_ptr<Node>& n) {
    *check_out(type, "type") = n->is_dir() ? IMAPI_ITEM_DIRECTORY
                               : n->kind == NodeKind::symlink ? IMAPI_ITEM_SYMLINK
                                                              : IMAPI_ITEM_FILE;
  });
}

IMAPI_API imapi_status imapi_fsitem_get_name(imapi_fsitem* item, char** out) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_out(out, "out");
    *out = dup_string(img.read([&] { return n->name.str(); }));
  });
}

IMAPI_API imapi_status imapi_fsitem_get_full_path(imapi_fsitem* item, char** out) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_out(out, "out");
    auto p = img.full_path(*n);
    if (!p) throw Error(IMAPI_E_NOT_IN_FILE_SYSTEM, quoted(n->name) + " is not in the image; add it with imapi_fsitem_add");
    *out = dup_string(*p);
  });
}

IMAPI_API imapi_status imapi_fsitem_get_file_system_name(imapi_fsitem* item, int32_t file_system, char** out) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_out(out, "out");
    *out = dup_string(img.file_system_name(*n, file_system));
  });
}

IMAPI_API imapi_status imapi_fsitem_get_file_system_path(imapi_fsitem* item, int32_t file_system, char** out) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_out(out, "out");
    *out = dup_string(img.file_system_path(*n, file_system));
  });
}

IMAPI_API imapi_status imapi_fsitem_get_creation_time(imapi_fsitem* item, int64_t* t) {
  return get_time(item, t, [](const fs::Times& x) { return x.creation; });
}
IMAPI_API imapi_status imapi_fsitem_set_creation_time(imapi_fsitem* item, int64_t t) {
  return set_time(item, t, [](fs::Times& x) -> int64_t& { return x.creation; });
}
IMAPI_API imapi_status imapi_fsitem_get_last_accessed_time(imapi_fsitem* item, int64_t* t) {
  return get_time(item, t, [](const fs::Times& x) { return x.access; });
}
IMAPI_API imapi_status imapi_fsitem_set_last_accessed_time(imapi_fsitem* item, int64_t t) {
  return set_time(item, t, [](fs::Times& x) -> int64_t& { return x.access; });
}
IMAPI_API imapi_status imapi_fsitem_get_last_modified_time(imapi_fsitem* item, int64_t* t) {
  return get_time(item, t, [](const fs::Times& x) { return x.modification; });
}
IMAPI_API imapi_status imapi_fsitem_set_last_modified_time(imapi_fsitem* item, int64_t t) {
  return set_time(item, t, [](fs::Times& x) -> int64_t& { return x.modification; });
}

IMAPI_API imapi_status imapi_fsitem_get_hidden(imapi_fsitem* item, int32_t* hidden) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    *check_out(hidden, "hidden") = img.read([&] { return int32_t{n->hidden}; });
  });
}

IMAPI_API imapi_status imapi_fsitem_set_hidden(imapi_fsitem* item, int32_t hidden) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) { img.set_hidden(n, hidden != 0); });
}

IMAPI_API imapi_status imapi_fsitem_get_posix_mode(imapi_fsitem* item, int32_t* mode) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    *check_out(mode, "mode") = img.read([&] { return static_cast<int32_t>(n->mode); });
  });
}

IMAPI_API imapi_status imapi_fsitem_set_posix_mode(imapi_fsitem* item, int32_t mode) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    if (mode < 0) throw Error(IMAPI_E_INVALID_PARAM, "POSIX mode cannot be negative");
    auto [uid, gid] = img.read([&] { return std::pair{n->uid, n->gid}; });
    img.set_posix(n, static_cast<uint32_t>(mode), uid, gid);
  });
}

IMAPI_API imapi_status imapi_fsitem_get_posix_owner(imapi_fsitem* item, int32_t* uid, int32_t* gid) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_out(uid, "uid");
    check_out(gid, "gid");
    auto [u, g] = img.read([&] { return std::pair{n->uid, n->gid}; });
    *uid = static_cast<int32_t>(u);
    *gid = static_cast<int32_t>(g);
  });
}

IMAPI_API imapi_status imapi_fsitem_set_posix_owner(imapi_fsitem* item, int32_t uid, int32_t gid) {
  return on_item(item, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    if (uid < 0 || gid < 0) throw Error(IMAPI_E_INVALID_PARAM, "uid and gid cannot be negative");
    uint32_t mode = img.read([&] { return n->mode; });
    img.set_posix(n, mode, static_cast<uint32_t>(uid), static_cast<uint32_t>(gid));
  });
}

// ---- directories -----------------------------------------------------------------------

IMAPI_API imapi_status imapi_fsitem_get_count(imapi_fsitem* dir, int64_t* count) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    require_dir(*n);
    *check_out(count, "count") = img.read([&] { return static_cast<int64_t>(n->children.size()); });
  });
}

IMAPI_API imapi_status imapi_fsitem_get_child(imapi_fsitem* dir, int64_t index, imapi_fsitem** out) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    require_dir(*n);
    auto child = img.read([&]() -> std::shared_ptr<Node> {
      if (index < 0 || index >= static_cast<int64_t>(n->children.size())) return nullptr;
      return n->children[static_cast<size_t>(index)];
    });
    if (!child)
      throw Error(IMAPI_E_INVALIDARG, "child index " + std::to_string(index) + " is out of range; see imapi_fsitem_get_count");
    new_item(out, dir, std::move(child));
  });
}

IMAPI_API imapi_status imapi_fsitem_get_item(imapi_fsitem* dir, const char* path, imapi_fsitem** out) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    require_dir(*n);
    auto found = img.find(*n, check_str(path, "path"));
    if (!found) fail_at(IMAPI_E_ITEM_NOT_FOUND, quoted(path) + " is not in the directory", path);
    new_item(out, dir, std::move(found));
  });
}

IMAPI_API imapi_status imapi_fsitem_add_directory(imapi_fsitem* dir, const char* path) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    img.add_directory(n, check_str(path, "path"));
  });
}

IMAPI_API imapi_status imapi_fsitem_add_file(imapi_fsitem* dir, const char* path, imapi_stream* data) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_str(path, "path");
    check(data, "stream");
    img.add_file(n, path, fs::make_stream_source(data->stream));
  });
}

IMAPI_API imapi_status imapi_fsitem_add_file_from_path(imapi_fsitem* dir, const char* path, const char* source_path) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check_str(path, "path");
    img.add_file(n, path, fs::make_path_source(check_str(source_path, "source_path")));
  });
}

IMAPI_API imapi_status imapi_fsitem_add_symlink(imapi_fsitem* dir, const char* path, const char* target) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    img.add_symlink(n, check_str(path, "path"), check_str(target, "target"));
  });
}

IMAPI_API imapi_status imapi_fsitem_add_tree(imapi_fsitem* dir, const char* source_dir, int32_t include_base_dir) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    img.add_tree(n, check_str(source_dir, "source_dir"), include_base_dir != 0);
  });
}

IMAPI_API imapi_status imapi_fsitem_add(imapi_fsitem* dir, imapi_fsitem* item) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check(item, "item");
    if (item->image.get() != &img)
      fail(IMAPI_E_INVALID_PARAM, "the item was created by another image; create it with this image's CreateFileItem");
    img.add_item(n, item->node);
  });
}

IMAPI_API imapi_status imapi_fsitem_remove(imapi_fsitem* dir, const char* path) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    img.remove(n, check_str(path, "path"), false);
  });
}

IMAPI_API imapi_status imapi_fsitem_remove_tree(imapi_fsitem* dir, const char* path) {
  return on_item(dir, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    img.remove(n, check_str(path, "path"), true);
  });
}

// ---- files ---------------------------------------------------------------------------

IMAPI_API imapi_status imapi_fsitem_get_data_size(imapi_fsitem* file, int64_t* size) {
  return on_item(file, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    require_file(*n);
    *check_out(size, "size") = img.read([&] { return n->data_size(); });
  });
}

IMAPI_API imapi_status imapi_fsitem_get_data(imapi_fsitem* file, imapi_stream** out) {
  return on_item(file, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    require_file(*n);
    check_out(out, "out");
    *out = nullptr;
    auto source = img.read([&] { return n->data; });
    make_handle(out, imapi_stream{std::shared_ptr<Stream>(fs::open_source_stream(std::move(source)))});
  });
}

IMAPI_API imapi_status imapi_fsitem_set_data(imapi_fsitem* file, imapi_stream* data) {
  return on_item(file, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    check(data, "stream");
    img.set_data(n, fs::make_stream_source(data->stream));
  });
}

IMAPI_API imapi_status imapi_fsitem_get_symlink_target(imapi_fsitem* link, char** out) {
  return on_item(link, [&](FileSystemImage& img, const std::shared_ptr<Node>& n) {
    if (n->kind != NodeKind::symlink) throw Error(IMAPI_E_INVALID_PARAM, quoted(n->name) + " is not a symbolic link");
    check_out(out, "out");
    *out = dup_string(img.read([&] { return std::string(n->link_target()); }));
  });
}

}  // extern "C"
