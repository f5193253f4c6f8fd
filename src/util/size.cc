#include "util/size.h"

#include <cctype>
#include <string>

namespace strata {

Result<uint64_t> parse_size(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits])) != 0) {
    ++digits;
  }
  if (digits == 0) return fail("'{}' is not a size (expected e.g. 256M or 1G)", text);
  uint64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const auto digit = static_cast<uint64_t>(text[i] - '0');
    if (value > (UINT64_MAX - digit) / 10) return fail("size '{}' is too large", text);
    value = value * 10 + digit;
  }
  std::string suffix;
  for (const char c : text.substr(digits)) {
    suffix += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  unsigned shift = 0;
  if (!suffix.empty()) {
    switch (suffix[0]) {
      case 'K': shift = 10; break;
      case 'M': shift = 20; break;
      case 'G': shift = 30; break;
      case 'T': shift = 40; break;
      default: return fail("size '{}' has an unknown unit (use K, M, G or T)", text);
    }
    const std::string rest = suffix.substr(1);
    if (!rest.empty() && rest != "B" && rest != "IB") {
      return fail("size '{}' has an unknown unit (use K, M, G or T)", text);
    }
  }
  if (shift != 0 && value > (UINT64_MAX >> shift)) return fail("size '{}' is too large", text);
  return value << shift;
}

}  // namespace strata
