#include "fs/layout/progress_items.hpp"

#include <algorithm>
#include <string>

#include "core/error.hpp"

namespace imapi::fs {

ProgressItem progress_item(const ImageLayout& l, int64_t index) {
  if (index < 0 || index >= l.progress_count())
    throw Error(IMAPI_E_INVALIDARG, "progress item index " + std::to_string(index) + " is out of range 0.." +
                                        std::to_string(l.progress_count() - 1));
  ProgressItem item;
  if (index == 0) {
    item.description = kMetadataItem;
    item.first_block = 0;
    item.block_count = l.metadata_blocks;
  } else {
    const auto& f = l.files[static_cast<size_t>(index - 1)];
    item.description = l.lent_file_path(static_cast<size_t>(index - 1));
    item.first_block = f.block;
    item.block_count = blocks_for(f.size());
  }
  item.last_block = item.first_block + std::max<int64_t>(item.block_count, 1) - 1;
  return item;
}

int64_t progress_item_by_block(const ImageLayout& l, int64_t block) {
  if (block >= 0 && block < l.metadata_blocks) return 0;
  auto it = std::upper_bound(l.files.begin(), l.files.end(), block,
                             [](int64_t b, const FileExtent& f) { return b < f.block; });
  if (it != l.files.begin()) {
    --it;
    if (block < it->block + blocks_for(it->size())) return (it - l.files.begin()) + 1;
  }
  throw Error(IMAPI_E_ITEM_NOT_FOUND, "no item occupies block " + std::to_string(block));
}

int64_t progress_item_by_description(const ImageLayout& l, std::string_view description) {
  if (description == std::string_view(kMetadataItem)) return 0;
  for (size_t i = 0; i < l.files.size(); ++i)
    if (l.files[i].source && l.file_path_is(l.files[i], description)) return static_cast<int64_t>(i) + 1;
  throw Error(IMAPI_E_ITEM_NOT_FOUND, "no progress item is described as '" + std::string(description) + "'");
}

}  // namespace imapi::fs
