// The tree model shared by every file system: one node per directory, file or
// symbolic link, with the attributes IMAPI's items carry plus POSIX ones.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fs/tree/data_source.hpp"
#include "fs/tree/node_name.hpp"

namespace imapi::fs {

// A name's most bytes (NAME_MAX), in the tree and in what the readers accept.
inline constexpr size_t kMaxNameBytes = 255;

enum class NodeKind : uint8_t { directory, file, symlink };

struct Node;

// A directory's children, sorted by name (byte order), held out of line: files
// and links, nearly every node of a large tree, pay one pointer for it instead
// of an empty vector's three. The interface is the vector's that callers use.
class ChildList {
  using Vec = std::vector<std::shared_ptr<Node>>;

 public:
  using value_type = Vec::value_type;
  using iterator = Vec::iterator;
  using const_iterator = Vec::const_iterator;
  using const_reverse_iterator = Vec::const_reverse_iterator;
  iterator begin() { return v_ ? v_->begin() : none().begin(); }
  iterator end() { return v_ ? v_->end() : none().end(); }
  const_iterator begin() const { return v_ ? v_->cbegin() : none().cbegin(); }
  const_iterator end() const { return v_ ? v_->cend() : none().cend(); }
  const_reverse_iterator rbegin() const { return v_ ? v_->crbegin() : none().crbegin(); }
  const_reverse_iterator rend() const { return v_ ? v_->crend() : none().crend(); }
  size_t size() const { return v_ ? v_->size() : 0; }
  bool empty() const { return !v_ || v_->empty(); }
  const value_type& operator[](size_t i) const { return (*v_)[i]; }
  void reserve(size_t n) {
    if (n > 0) list().reserve(n);
  }
  // `at` is begin() + k for some k <= size().
  iterator insert(const_iterator at, value_type node) {
    const auto k = at - begin();
    return list().insert(list().begin() + k, std::move(node));
  }
  iterator erase(const_iterator at) { return list().erase(at); }

 private:
  // What an empty list iterates: never written, as nothing can be stored through
  // the iterators of an empty vector.
  static Vec& none() {
    static Vec empty;
    return empty;
  }
  Vec& list() {
    if (!v_) v_ = std::make_unique<Vec>();
    return *v_;
  }
  std::unique_ptr<Vec> v_;
};

struct Times {
  int64_t creation = 0;  // nanoseconds since the Unix epoch
  int64_t access = 0;
  int64_t modification = 0;
};

// A node's times in 16 bytes instead of 24: nearly every node has one time
// for all three (AddTree takes all three from the modification time), and
// only a node whose times differ holds the other two out of line.
class NodeTimes {
 public:
  NodeTimes() = default;
  NodeTimes& operator=(const Times& t) {
    modification_ = t.modification;
    if (t.creation == t.modification && t.access == t.modification)
      others_.reset();
    else
      others_ = std::make_unique<const Others>(Others{t.creation, t.access});
    return *this;
  }
  Times get() const {
    if (!others_) return {modification_, modification_, modification_};
    return {others_->creation, others_->access, modification_};
  }
  operator Times() const { return get(); }  // NOLINT: implicit, as the Times it stands for
  int64_t modification() const { return modification_; }

 private:
  struct Others {
    int64_t creation, access;
  };
  int64_t modification_ = 0;
  std::unique_ptr<const Others> others_;
};

// A tree of 100,000 files is 100,000 nodes, so fields are ordered to pack and
// what only some kinds need (a link's target) is held out of line.
struct Node {
  NodeName name;  // UTF-8, validated; "" for the root
  std::weak_ptr<Node> parent;
  NodeTimes times;
  ChildList children;                            // directories: sorted by name (byte order)
  // Files: their data. Symbolic links: their target (link_target()), held here
  // because a link has no data, which saves every node a pointer of its own.
  std::shared_ptr<const DataSource> data;
  uint32_t uid = 0;
  uint32_t gid = 0;
  // Scratch space of the layout pass, which runs under the image's lock: this
  // node's index in the pass's tables (saves a node -> index map).
  mutable uint32_t layout_slot = 0;
  uint16_t mode = 0644;  // permission bits only (07777)
  NodeKind kind = NodeKind::file;
  bool hidden = false;

  // Symbolic links: the target, as recorded (UTF-8).
  std::string_view link_target() const;
  void set_link_target(std::string target);  // on a node whose kind is symlink
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

// Nodes made together in one allocation, each handed out as a shared_ptr that
// keeps the whole batch alive: AddTree makes the files and links of a host
// directory this way, which saves each a control block and a heap chunk.
class NodeBatch {
 public:
  explicit NodeBatch(size_t capacity);
  // A new default node; at most `capacity` calls.
  std::shared_ptr<Node> make();

 private:
  std::shared_ptr<std::vector<Node>> nodes_;
};

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
