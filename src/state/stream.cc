#include "state/stream.h"

#include <string>

namespace strata::state {
namespace {

std::string tag_name(uint32_t value) {
  std::string name;
  for (int i = 0; i < 4; ++i) {
    const auto c = static_cast<char>((value >> (8 * i)) & 0xffU);
    name += (c >= 0x20 && c < 0x7f) ? c : '?';
  }
  return name;
}

}  // namespace

void Writer::begin(uint32_t section_tag, uint32_t version) {
  put(section_tag);
  put(version);
  open_section_ = bytes_.size();
  put(uint64_t{0});  // payload length, patched by end()
}

void Writer::end() {
  const uint64_t length = bytes_.size() - open_section_ - sizeof(uint64_t);
  std::memcpy(bytes_.data() + open_section_, &length, sizeof length);
  open_section_ = 0;
}

void Writer::put_bytes(const void* data, size_t length) {
  const auto* p = static_cast<const uint8_t*>(data);
  bytes_.insert(bytes_.end(), p, p + length);
}

Result<uint32_t> Reader::begin(uint32_t section_tag, uint32_t max_version) {
  section_end_ = bytes_.size();
  const auto found_tag = get<uint32_t>();
  const auto version = get<uint32_t>();
  const auto length = get<uint64_t>();
  if (!ok_) return fail("state stream ends before section {}", tag_name(section_tag));
  if (found_tag != section_tag) {
    return fail("state stream has section {} where {} was expected", tag_name(found_tag),
                tag_name(section_tag));
  }
  if (version == 0 || version > max_version) {
    return fail("state section {} has version {}, this strata reads up to {}",
                tag_name(section_tag), version, max_version);
  }
  if (length > bytes_.size() - position_) {
    ok_ = false;
    return fail("state section {} is truncated", tag_name(section_tag));
  }
  section_tag_ = section_tag;
  section_end_ = position_ + length;
  return version;
}

Result<void> Reader::end() {
  if (!ok_ || position_ > section_end_) {
    return fail("state section {} is shorter than its contents", tag_name(section_tag_));
  }
  position_ = section_end_;
  section_end_ = bytes_.size();
  return {};
}

void Reader::get_bytes(void* data, size_t length) {
  if (!ok_ || length > section_end_ - position_) {
    ok_ = false;
    std::memset(data, 0, length);
    return;
  }
  std::memcpy(data, bytes_.data() + position_, length);
  position_ += length;
}

}  // namespace strata::state
