// libFuzzer harness for the split virtqueue parser: the input is a guest's RAM (rings,
// descriptor tables, indirect tables) plus a few control bytes; the harness pops every chain
// the queue will give, copies data through each, completes it, and checks what the queue
// promises: every segment lies inside RAM, readable before writable, the total length bounded.
// AddressSanitizer catches any access outside the RAM mapping.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "mem/guest_ram.h"
#include "virtio/queue.h"

namespace {

using strata::virtio::DescriptorChain;
using strata::virtio::Queue;
using strata::virtio::QueueLayout;

constexpr uint64_t kRamBase = 0x8000'0000;
constexpr uint64_t kRamSize = 64 * 1024;
// Control bytes at the start of the input, then RAM contents.
constexpr size_t kControlBytes = 4;

class Events final : public strata::virtio::QueueEvents {
 public:
  void queue_interrupt() override {}
  void queue_failed(std::string_view /*why*/) override { ++failures; }
  int failures = 0;
};

strata::mem::GuestRam& ram() {
  static std::unique_ptr<strata::mem::GuestRam> instance = [] {
    auto created = strata::mem::GuestRam::create(kRamBase, kRamSize);
    if (!created) std::abort();
    return std::move(*created);
  }();
  return *instance;
}

void check(bool condition) {
  if (!condition) std::abort();
}

void exercise(const DescriptorChain& chain, strata::mem::GuestRam& memory) {
  uint64_t total = 0;
  for (const auto& s : chain.readable()) {
    check(memory.contains(s.paddr, s.length));
    total += s.length;
  }
  for (const auto& s : chain.writable()) {
    check(memory.contains(s.paddr, s.length));
    total += s.length;
  }
  check(total == chain.readable_bytes() + chain.writable_bytes());
  check(total <= UINT32_MAX);
  std::vector<uint8_t> buffer(std::min<uint64_t>(chain.readable_bytes(), 4096));
  check(chain.read(0, buffer) == buffer.size());
  for (const iovec& v : chain.writable_iovecs(0, 4096)) {
    check(static_cast<uint8_t*>(v.iov_base) >= memory.host(kRamBase));
    check(static_cast<uint8_t*>(v.iov_base) + v.iov_len <= memory.host(kRamBase) + kRamSize);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < kControlBytes) return 0;
  strata::mem::GuestRam& memory = ram();
  std::memset(memory.host(kRamBase), 0, kRamSize);
  std::memcpy(memory.host(kRamBase), data + kControlBytes,
              std::min<size_t>(size - kControlBytes, kRamSize));

  // Control: queue size (a power of two up to 16, or any byte), features, ring placement. The
  // rings sit in the first 1 KiB so that short inputs reach every field.
  const uint8_t size_code = data[0];
  const uint16_t queue_size = (size_code & 0x80) != 0 ? size_code : 1U << (size_code % 5);
  uint64_t features = 0;
  if ((data[1] & 1) != 0) features |= strata::virtio::kFeatureRingIndirectDesc;
  if ((data[1] & 2) != 0) features |= strata::virtio::kFeatureRingEventIdx;
  const uint64_t shift = static_cast<uint64_t>(data[2]);
  const QueueLayout layout{.size = queue_size,
                           .desc = kRamBase + shift,
                           .avail = kRamBase + 0x100 + shift,
                           .used = kRamBase + 0x200 + (static_cast<uint64_t>(data[3]) << 2),
                           .used_alignment = 4};

  Events events;
  Queue queue(memory, events, 0);
  if (!queue.activate(layout, features)) return 0;
  // Pop everything the queue gives (bounded by the ring index arithmetic), completing each.
  for (int i = 0; i < 1024; ++i) {
    auto chain = queue.pop();
    if (!chain) break;
    exercise(*chain, memory);
    queue.push(*chain, static_cast<uint32_t>(chain->writable_bytes()));
    auto again = queue.reload(chain->head());
    if (again) exercise(*again, memory);
  }
  queue.notify_if_needed();
  queue.enable_notifications();
  queue.disable_notifications();
  check(events.failures <= 1);
  return 0;
}
