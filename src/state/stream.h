// Versioned, tagged byte streams for saving and restoring component state (snapshots, migration).
//
// A stream is a sequence of sections: a four-character tag, a format version, a payload length,
// and the payload. A reader checks the tag, refuses versions newer than it understands, and can
// skip fields a newer writer appended within a version it does understand. Values are
// little-endian fixed-width integers and raw byte strings.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/error.h"

namespace strata::state {

// A four-character section tag, e.g. tag("HART").
constexpr uint32_t tag(std::string_view name) {
  uint32_t value = 0;
  for (size_t i = 0; i < 4 && i < name.size(); ++i) {
    value |= static_cast<uint32_t>(static_cast<uint8_t>(name[i])) << (8 * i);
  }
  return value;
}

class Writer final {
 public:
  // Opens a section; sections do not nest.
  void begin(uint32_t section_tag, uint32_t version);
  void end();

  template <typename T>
  requires std::is_integral_v<T> || std::is_enum_v<T>
  void put(T value) { put_bytes(&value, sizeof value); }
  void put_bytes(const void* data, size_t length);

  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<uint8_t> bytes_;
  size_t open_section_ = 0;  // offset of the open section's length field, 0 if none
};

class Reader final {
 public:
  explicit Reader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  // Enters the next section, which must carry `section_tag` and a version no newer than
  // `max_version`; returns its version.
  [[nodiscard]] Result<uint32_t> begin(uint32_t section_tag, uint32_t max_version);
  // Leaves the current section, skipping any trailing fields this reader does not know.
  [[nodiscard]] Result<void> end();

  // Reads a value; on a short read the reader fails and later reads return zero, so restore code
  // can read a whole struct and check once with ok()/end().
  template <typename T>
  requires std::is_integral_v<T> || std::is_enum_v<T> T get() {
    T value{};
    get_bytes(&value, sizeof value);
    return value;
  }
  void get_bytes(void* data, size_t length);

  bool ok() const { return ok_; }
  bool at_end() const { return position_ == bytes_.size(); }

 private:
  std::span<const uint8_t> bytes_;
  size_t position_ = 0;
  size_t section_end_ = 0;
  uint32_t section_tag_ = 0;
  bool ok_ = true;
};

}  // namespace strata::state
