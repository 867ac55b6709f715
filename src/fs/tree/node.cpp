#include "fs/tree/node.hpp"

#include <algorithm>

#include "core/error.hpp"

namespace imapi::fs {

size_t Node::lower_bound(std::string_view n) const {
  auto it = std::lower_bound(children.begin(), children.end(), n,
                             [](const std::shared_ptr<Node>& c, std::string_view v) { return c->name < v; });
  return static_cast<size_t>(it - children.begin());
}

std::shared_ptr<Node> Node::child(std::string_view n) const {
  size_t i = lower_bound(n);
  if (i < children.size() && children[i]->name == n) return children[i];
  return nullptr;
}

namespace {

// A symbolic link's target, in the slot where a file holds its data source.
class LinkTarget final : public DataSource {
 public:
  explicit LinkTarget(std::string target) : DataSource(0), target_(std::move(target)) {}
  std::unique_ptr<DataReader> open() const override {
    fail(IMAPI_E_NOT_FILE, "'" + target_ + "' is a symbolic link's target, not a file's data");
  }
  std::string describe() const override { return "symbolic link to '" + target_ + "'"; }
  std::string_view target() const { return target_; }

 private:
  std::string target_;
};

}  // namespace

std::string_view Node::link_target() const {
  if (kind != NodeKind::symlink || !data) return {};
  return static_cast<const LinkTarget&>(*data).target();
}

void Node::set_link_target(std::string target) {
  if (kind != NodeKind::symlink) fail(IMAPI_E_FAIL, "internal error: a link target set on a node that is not a link");
  data = std::make_shared<const LinkTarget>(std::move(target));
}

NodeBatch::NodeBatch(size_t capacity) : nodes_(std::make_shared<std::vector<Node>>()) { nodes_->reserve(capacity); }

std::shared_ptr<Node> NodeBatch::make() {
  // Nodes are handed out by address: the array must never reallocate.
  if (nodes_->size() == nodes_->capacity()) fail(IMAPI_E_FAIL, "internal error: more nodes than a batch was made for");
  return std::shared_ptr<Node>(nodes_, &nodes_->emplace_back());
}

SubtreeStats subtree_stats(const Node& node) {
  SubtreeStats s;
  walk_preorder(node, [&](const Node& n, int) {
    if (n.is_dir())
      ++s.directories;
    else if (n.kind == NodeKind::file) {
      ++s.files;
      s.data_blocks += (n.data_size() + 2047) / 2048;
    } else {
      ++s.files;  // symbolic links are file entries in every namespace that records them
    }
  });
  return s;
}

}  // namespace imapi::fs
