// The tree model shared by every file system: one node per directory, file or
// symbolic link, with the attributes IMAPI's items carry plus POSIX ones.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/tree/data_source.hpp"

namespace imapi::fs {

enum class NodeKind { directory, file, symlink };

struct Times {
  int64_t creation = 0;  // nanoseconds since the Unix epoch
  int64_t access = 0;
  int64_t modification = 0;
};

struct Node {
  NodeKind kind = NodeKind::file;
  std::string name;  // UTF-8, validated; "" for the root
  std::weak_ptr<Node> parent;
  const void* owner = nullptr;  // the image this node belongs to
  Times times;
  bool hidden = false;
  uint32_t mode = 0644;  // permission bits only
  uint32_t uid = 0;
  uint32_t gid = 0;
  std::vector<std::shared_ptr<Node>> children;  // directories: sorted by name (byte order)
  std::shared_ptr<const DataSource> data;       // files
  std::string target;                           // symbolic links
  // Scratch space of the layout pass, which runs under the image's lock: this
  // node's index in the pass's tables (saves a node -> index map).
  mutable uint32_t layout_slot = 0;

  bool is_dir() const { return kind == NodeKind::directory; }
  int64_t data_size() const { return data ? data->size() : 0; }
  // Index of the first child whose name is not less than `n`.
  size_t lower_bound(std::string_view n) const;
  std::shared_ptr<Node> child(std::string_view n) const;
};

// Counts of a subtree, the node itself included.
struct SubtreeStats {
  int64_t files = 0;
  int64_t directories = 0;
  int64_t data_blocks = 0;
};
SubtreeStats subtree_stats(const Node& node);

// Calls f(node, depth) for every node of the subtree, parents before children,
// children in name order; iterative, so depth costs no stack.
template <typename F>
void walk_preorder(const Node& top, F&& f) {
  std::vector<std::pair<const Node*, int>> stack{{&top, 0}};
  while (!stack.empty()) {
    auto [n, depth] = stack.back();
    stack.pop_back();
    f(*n, depth);
    for (auto it = n->children.rbegin(); it != n->children.rend(); ++it) stack.emplace_back(it->get(), depth + 1);
  }
}

}  // namespace imapi::fs
