#include "dev/htif.h"

#include <array>

namespace strata::dev {
namespace {

constexpr uint64_t kSysWrite = 64;
constexpr uint64_t kSysExit = 93;
constexpr uint64_t kEnosys = static_cast<uint64_t>(-38);
constexpr uint64_t kEbadf = static_cast<uint64_t>(-9);
constexpr uint64_t kEfault = static_cast<uint64_t>(-14);
constexpr uint64_t kMaxWrite = 1U << 20;  // one write() may print at most 1 MiB

constexpr uint32_t kSection = state::tag("HTIF");
constexpr uint32_t kVersion = 1;

}  // namespace

Htif::Htif(mem::GuestRam& ram, uint64_t tohost, std::optional<uint64_t> fromhost,
           ExitHandler on_exit, OutputHandler on_output)
    : ram_(ram),
      tohost_(tohost),
      fromhost_(fromhost),
      on_exit_(std::move(on_exit)),
      on_output_(std::move(on_output)) {
  ram_.add_watch(tohost_, mem::GuestRam::kWatchDevice);
}

void Htif::on_write(uint64_t paddr, uint64_t length) {
  if (paddr + length <= tohost_ || paddr >= tohost_ + 8) return;
  uint64_t command = 0;
  if (!ram_.read(tohost_, &command, sizeof command) || command == 0) return;
  // The host consumes the command by clearing tohost, as the protocol specifies.
  const uint64_t zero = 0;
  std::memcpy(ram_.host(tohost_), &zero, sizeof zero);
  run_command(command);
}

void Htif::run_command(uint64_t command) {
  const uint64_t device = command >> 56;
  const uint64_t cmd = (command >> 48) & 0xffU;
  const uint64_t payload = command & 0xffffffffffffULL;
  if (device == 0 && cmd == 0) {
    if ((payload & 1U) != 0) {
      on_exit_(static_cast<int>(payload >> 1));
      return;
    }
    const uint64_t result = system_call(payload);
    if (ram_.contains(payload, 8)) std::memcpy(ram_.host(payload), &result, sizeof result);
    respond(1);
    return;
  }
  if (device == 1 && cmd == 1) {
    on_output_(1, std::string(1, static_cast<char>(payload & 0xffU)));
  }
}

uint64_t Htif::system_call(uint64_t magic_address) {
  std::array<uint64_t, 8> magic{};
  if (!ram_.read(magic_address, magic.data(), sizeof magic)) return kEfault;
  switch (magic[0]) {
    case kSysWrite: {
      const uint64_t fd = magic[1];
      const uint64_t buffer = magic[2];
      const uint64_t length = std::min(magic[3], kMaxWrite);
      if (fd != 1 && fd != 2) return kEbadf;
      if (!ram_.contains(buffer, length)) return kEfault;
      on_output_(static_cast<int>(fd),
                 std::string(reinterpret_cast<const char*>(ram_.host(buffer)), length));
      return length;
    }
    case kSysExit: on_exit_(static_cast<int>(magic[1] & 0xffU)); return 0;
    default: return kEnosys;
  }
}

void Htif::respond(uint64_t value) {
  if (fromhost_ && ram_.contains(*fromhost_, 8)) {
    std::memcpy(ram_.host(*fromhost_), &value, sizeof value);
  }
}

// HTIF keeps no state of its own between commands: the mailboxes live in guest RAM.
void Htif::save(state::Writer& out) const {
  out.begin(kSection, kVersion);
  out.put(tohost_);
  out.end();
}

Result<void> Htif::restore(state::Reader& in) {
  if (auto version = in.begin(kSection, kVersion); !version)
    return std::unexpected(version.error());
  const auto tohost = in.get<uint64_t>();
  if (auto end = in.end(); !end) return end;
  if (tohost != tohost_)
    return fail("snapshot's HTIF tohost {:#x} differs from the program's {:#x}", tohost, tohost_);
  return {};
}

}  // namespace strata::dev
