// A node's name in 16 bytes, where a std::string takes 32: up to 15 bytes are
// held inline (nearly every file's name), longer ones on the heap. A tree of a
// million files has a million of these.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace imapi::fs {

class NodeName {
 public:
  NodeName() noexcept { raw_[kLast] = 0; }
  NodeName(std::string_view s) { init(s); }  // NOLINT: implicit, like a string's
  NodeName(const NodeName& o) { init(o.view()); }
  NodeName(NodeName&& o) noexcept {
    std::memcpy(raw_, o.raw_, sizeof raw_);
    o.raw_[kLast] = 0;
  }
  NodeName& operator=(std::string_view s) {
    NodeName t(s);  // first, as `s` may view this name
    swap(t);
    return *this;
  }
  NodeName& operator=(const NodeName& o) { return *this = o.view(); }
  NodeName& operator=(NodeName&& o) noexcept {
    swap(o);
    return *this;
  }
  ~NodeName() {
    if (on_heap()) delete[] heap_data();
  }

  std::string_view view() const noexcept {
    return on_heap() ? std::string_view(heap_data(), heap_size()) : std::string_view(raw_, static_cast<uint8_t>(raw_[kLast]));
  }
  operator std::string_view() const noexcept { return view(); }  // NOLINT: implicit, like a string's
  std::string str() const { return std::string(view()); }
  size_t size() const noexcept { return view().size(); }
  bool empty() const noexcept { return view().empty(); }

  friend bool operator==(const NodeName& a, const NodeName& b) noexcept { return a.view() == b.view(); }
  friend bool operator==(const NodeName& a, std::string_view b) noexcept { return a.view() == b; }
  friend auto operator<=>(const NodeName& a, const NodeName& b) noexcept { return a.view() <=> b.view(); }
  friend auto operator<=>(const NodeName& a, std::string_view b) noexcept { return a.view() <=> b; }
  friend std::string operator+(std::string a, const NodeName& b) { return a.append(b.view()); }
  friend std::string operator+(const NodeName& a, std::string_view b) { return a.str().append(b); }

 private:
  static constexpr size_t kLast = 15;     // inline: the size (0..15); heap: kHeap
  static constexpr char kHeap = '\xFF';
  bool on_heap() const noexcept { return raw_[kLast] == kHeap; }
  const char* heap_data() const noexcept {
    const char* p;
    std::memcpy(&p, raw_, sizeof p);
    return p;
  }
  size_t heap_size() const noexcept {
    uint32_t n;
    std::memcpy(&n, raw_ + sizeof(char*), sizeof n);
    return n;
  }
  void init(std::string_view s) {
    if (s.size() < kLast + 1) {
      std::memcpy(raw_, s.data(), s.size());
      raw_[kLast] = static_cast<char>(s.size());
      return;
    }
    char* p = new char[s.size()];
    std::memcpy(p, s.data(), s.size());
    const auto n = static_cast<uint32_t>(s.size());  // names have at most 255 bytes (check_name)
    std::memcpy(raw_, &p, sizeof p);
    std::memcpy(raw_ + sizeof p, &n, sizeof n);
    raw_[kLast] = kHeap;
  }
  void swap(NodeName& o) noexcept {
    char t[sizeof raw_];
    std::memcpy(t, raw_, sizeof raw_);
    std::memcpy(raw_, o.raw_, sizeof raw_);
    std::memcpy(o.raw_, t, sizeof raw_);
  }
  char raw_[16];
};

}  // namespace imapi::fs
