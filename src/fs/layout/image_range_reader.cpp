#include "fs/layout/image_range_reader.hpp"

#include <algorithm>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "core/worker_pool.hpp"

namespace imapi::fs {

void ImageRangeReader::read(int64_t offset, uint8_t* out, int64_t n) {
  const int64_t meta = layout_.metadata_blocks * kBlockSize;
  const int64_t tail = layout_.tail_start() * kBlockSize;
  const int64_t end = offset + n;
  if (offset < meta) {
    const int64_t k = std::min(end, meta) - offset;
    layout_.read_head(offset, out, k);
  }
  if (end > tail) {
    const int64_t from = std::max(offset, tail);
    layout_.metadata->read(meta + (from - tail), out + (from - offset), end - from);
  }
  const int64_t a = std::max(offset, meta), b = std::min(end, tail);
  if (b > a) read_files(a, out + (a - offset), b - a);
}

void ImageRangeReader::read_files(int64_t offset, uint8_t* out, int64_t n) {
  std::memset(out, 0, static_cast<size_t>(n));  // padding between extents, and the tails of blocks
  const auto& files = layout_.files;
  auto it = std::upper_bound(files.begin(), files.end(), offset,
                             [](int64_t p, const FileExtent& f) { return p < f.block * kBlockSize; });
  if (it != files.begin()) --it;
  std::vector<Piece> pieces;
  for (; it != files.end() && it->block * kBlockSize < offset + n; ++it) {
    const int64_t start = it->block * kBlockSize;
    const int64_t a = std::max(offset, start), b = std::min(offset + n, start + it->size());
    if (b <= a) continue;
    pieces.push_back({&*it, a - start, b - a, out + (a - offset), nullptr});
    // A window of tiny files holds thousands: a group's files are open at once, never more.
    if (pieces.size() == kFilesOpenAtOnce) {
      read_pieces(pieces);
      pieces.clear();
    }
  }
  read_pieces(pieces);
}

void ImageRangeReader::read_pieces(std::vector<Piece>& pieces) {
  std::vector<ReadRequest> direct;
  std::vector<size_t> direct_piece, anywhere, here, whole;
  for (size_t i = 0; i < pieces.size(); ++i) {
    Piece& p = pieces[i];
    if (p.from == 0 && p.length == p.file->size() && p.length <= kWholeFileRead &&
        p.file->source->reads_on_any_thread()) {
      whole.push_back(i);
      continue;
    }
    try {
      p.reader = p.file->source->open();
    } catch (const Error& e) {
      throw with_image_path(e, layout_, *p.file);
    }
    if (p.reader->fd() >= 0) {
      direct.push_back({p.reader->fd(), p.reader->fd_offset() + p.from, p.dest, static_cast<size_t>(p.length), 0});
      direct_piece.push_back(i);
    } else if (p.file->source->reads_on_any_thread()) {
      anywhere.push_back(i);
    } else {
      here.push_back(i);  // a caller's stream: its callbacks run on this thread
    }
  }
  auto finish = [&](Piece& p) {
    if (p.from + p.length == p.file->size()) p.reader->finish();
  };
  auto read_piece = [&](Piece& p) {
    try {
      p.reader->read_exact(p.from, p.dest, p.length);
      finish(p);
    } catch (const Error& e) {
      throw with_image_path(e, layout_, *p.file);
    }
  };
  for (size_t i : here) read_piece(pieces[i]);
  read_whole_files(pieces, whole);
  parallel_for(anywhere.size(), [&](size_t k) { read_piece(pieces[anywhere[k]]); });
  reads_.read(direct);
  for (size_t k = 0; k < direct.size(); ++k) {
    Piece& p = pieces[direct_piece[k]];
    try {
      if (direct[k].result < 0) {
        fail_os(IMAPI_E_DATA_STREAM_READ_FAILURE, "cannot read '" + p.file->source->describe() + "'",
                static_cast<int>(-direct[k].result), p.file->source->describe());
      }
      if (direct[k].result < p.length)
        fail_at(IMAPI_E_DATA_STREAM_INCONSISTENCY,
                "'" + p.file->source->describe() + "' ended early: it is shorter than when it was added (" +
                    std::to_string(p.file->size()) + " bytes)",
                p.file->source->describe());
      finish(p);
    } catch (const Error& e) {
      throw with_image_path(e, layout_, *p.file);
    }
  }
}

// Small files are opened, read and checked in one go each (read_all), slices
// of consecutive pieces in parallel: for page-cached files of a few KiB a pread
// costs less than a round through io_uring, and opening relative to the
// directory's descriptor (OpenDirectory) spares the walk of the whole path.
// Each slice has one file open at a time. An error is the first piece's in
// image order, whichever slice finished first.
void ImageRangeReader::read_whole_files(std::vector<Piece>& pieces, const std::vector<size_t>& whole) {
  if (whole.empty()) return;
  const size_t slices = std::min(whole.size(), 2 * worker_count());
  std::vector<std::exception_ptr> errors(slices);
  parallel_for(slices, [&](size_t k) {
    OpenDirectory dirs;
    const size_t first = whole.size() * k / slices, end = whole.size() * (k + 1) / slices;
    for (size_t w = first; w < end; ++w) {
      Piece& p = pieces[whole[w]];
      try {
        p.file->source->read_all(p.dest, dirs);
      } catch (const Error& e) {
        errors[k] = std::make_exception_ptr(with_image_path(e, layout_, *p.file));
        return;
      }
    }
  });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace imapi::fs
