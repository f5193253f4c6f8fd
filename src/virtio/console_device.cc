#include "virtio/console_device.h"

#include <algorithm>
#include <array>

namespace strata::virtio {
namespace {

constexpr uint32_t kConsoleSection = state::tag("VCON");
constexpr uint32_t kConsoleVersion = 1;

}  // namespace

ConsoleDevice::ConsoleDevice(std::string name, std::unique_ptr<backend::CharBackend> backend)
    : name_(std::move(name)), backend_(std::move(backend)), thread_(name_) {
  backend_->set_receiver([this](std::span<const uint8_t> bytes) { return receive(bytes); });
}

ConsoleDevice::~ConsoleDevice() {
  backend_->set_receiver({});
  reset();
}

void ConsoleDevice::read_config(uint32_t /*offset*/, std::span<uint8_t> out) {
  std::ranges::fill(out, 0);
}

void ConsoleDevice::write_config(uint32_t /*offset*/, std::span<const uint8_t> /*in*/) {
  // cols, rows and max_nr_ports are read-only; emerg_wr exists only with EMERG_WRITE.
}

void ConsoleDevice::activate(DeviceContext& context) {
  {
    const std::lock_guard lock(mutex_);
    context_ = &context;
    // Receive buffers may be posted already: let the back end offer what it holds.
    backend_->resume_input();
  }
  thread_.post([this] { transmit(); });
}

void ConsoleDevice::notify(unsigned queue) {
  if (queue == kReceiveQueue) {
    backend_->resume_input();  // new receive buffers: held input can flow again
  } else if (queue == kTransmitQueue) {
    thread_.post([this] { transmit(); });
  }
}

void ConsoleDevice::reset() {
  // Both threads check context_ under the lock: once it is null, neither touches a queue.
  const std::lock_guard lock(mutex_);
  context_ = nullptr;
}

size_t ConsoleDevice::receive(std::span<const uint8_t> bytes) {
  const std::lock_guard lock(mutex_);
  if (context_ == nullptr) return 0;  // held by the back end until the driver is ready
  Queue& queue = context_->queue(kReceiveQueue);
  if (!queue.ready()) return 0;
  size_t taken = 0;
  bool pushed = false;
  while (taken < bytes.size()) {
    std::optional<DescriptorChain> chain = queue.pop();
    if (!chain) break;  // the back end keeps the rest; notify() resumes it
    const size_t written = chain->write(0, bytes.subspan(taken));
    queue.push(*chain, static_cast<uint32_t>(written));
    pushed = true;
    taken += written;
  }
  if (pushed) queue.notify_if_needed();
  return taken;
}

void ConsoleDevice::transmit() {
  const std::lock_guard lock(mutex_);
  if (context_ == nullptr) return;
  Queue& queue = context_->queue(kTransmitQueue);
  if (!queue.ready()) return;
  std::array<uint8_t, 4096> buffer{};
  bool pushed = false;
  auto send = [&](const DescriptorChain& chain) {
    for (uint64_t offset = 0; offset < chain.readable_bytes(); offset += buffer.size()) {
      const size_t got = chain.read(offset, buffer);
      backend_->write(std::span(buffer).first(got));
      if (got < buffer.size()) break;
    }
    queue.push(chain, 0);
    pushed = true;
  };
  for (;;) {
    queue.disable_notifications();
    while (std::optional<DescriptorChain> chain = queue.pop()) send(*chain);
    queue.enable_notifications();
    std::optional<DescriptorChain> late = queue.pop();
    if (!late) break;
    send(*late);
  }
  if (pushed) queue.notify_if_needed();
}

void ConsoleDevice::save(state::Writer& out) const {
  out.begin(kConsoleSection, kConsoleVersion);
  out.end();
}

Result<void> ConsoleDevice::restore(state::Reader& in) {
  if (auto version = in.begin(kConsoleSection, kConsoleVersion); !version) {
    return std::unexpected(version.error());
  }
  return in.end();
}

}  // namespace strata::virtio
