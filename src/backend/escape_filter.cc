#include "backend/escape_filter.h"

#include <string_view>

namespace strata::backend {
namespace {

// The terminal is in raw mode, so lines end in CR LF.
constexpr std::string_view kHelp =
    "\r\n"
    "C-a h    print this help\r\n"
    "C-a x    exit strata\r\n"
    "C-a C-a  send C-a\r\n";

}  // namespace

void EscapeFilter::filter(std::span<const uint8_t> from_host, std::vector<uint8_t>& to_guest,
                          std::vector<uint8_t>& to_host) {
  for (const uint8_t byte : from_host) {
    if (!after_escape_) {
      if (byte == kEscape) {
        after_escape_ = true;
      } else {
        to_guest.push_back(byte);
      }
      continue;
    }
    after_escape_ = false;
    switch (byte) {
      case kEscape: to_guest.push_back(kEscape); break;
      case 'x':
        if (on_quit_) on_quit_();
        break;
      case 'h':
      case '?': to_host.insert(to_host.end(), kHelp.begin(), kHelp.end()); break;
      default: break;
    }
  }
}

}  // namespace strata::backend
