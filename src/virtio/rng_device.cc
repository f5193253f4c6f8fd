#include "virtio/rng_device.h"

#include <sys/random.h>

#include <algorithm>
#include <vector>

namespace strata::virtio {
namespace {

constexpr uint32_t kRngSection = state::tag("VRNG");
constexpr uint32_t kRngVersion = 1;

// Fills `out` from the host's entropy pool; false if the host refuses (it does not, once booted).
bool fill_random(std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    const ssize_t n = getrandom(out.data() + done, out.size() - done, 0);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

RngDevice::RngDevice(std::string name) : name_(std::move(name)), thread_(name_) {}

RngDevice::~RngDevice() {
  reset();
}

void RngDevice::read_config(uint32_t /*offset*/, std::span<uint8_t> out) {
  std::ranges::fill(out, 0);
}

void RngDevice::write_config(uint32_t /*offset*/, std::span<const uint8_t> /*in*/) {}

void RngDevice::activate(DeviceContext& context) {
  // Buffers may already be waiting: look once.
  thread_.post([this, &context] {
    context_ = &context;
    serve();
  });
}

void RngDevice::notify(unsigned /*queue*/) {
  thread_.post([this] { serve(); });
}

void RngDevice::reset() {
  thread_.run_sync([this] { context_ = nullptr; });
}

void RngDevice::serve() {
  if (context_ == nullptr) return;
  Queue& queue = context_->queue(0);
  std::vector<uint8_t> buffer;
  bool pushed = false;
  for (;;) {
    queue.disable_notifications();
    while (std::optional<DescriptorChain> request = queue.pop()) {
      buffer.resize(std::min(request->writable_bytes(), kMaxBytesPerRequest));
      uint32_t written = 0;
      if (fill_random(buffer)) {
        written = static_cast<uint32_t>(request->write(0, buffer));
      }
      queue.push(*request, written);
      pushed = true;
    }
    queue.enable_notifications();
    if (queue.failed() || !queue.has_available()) break;
  }
  if (pushed) queue.notify_if_needed();
}

void RngDevice::save(state::Writer& out) const {
  out.begin(kRngSection, kRngVersion);
  out.end();
}

Result<void> RngDevice::restore(state::Reader& in) {
  if (auto version = in.begin(kRngSection, kRngVersion); !version) {
    return std::unexpected(version.error());
  }
  return in.end();
}

}  // namespace strata::virtio
