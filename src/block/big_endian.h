// Big-endian field access for on-disk image metadata (qcow2 stores every number big-endian).
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace strata::block {

template <typename T>
T load_be(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return std::byteswap(value);
}

template <typename T>
void store_be(uint8_t* p, T value) {
  value = std::byteswap(value);
  std::memcpy(p, &value, sizeof value);
}

}  // namespace strata::block
