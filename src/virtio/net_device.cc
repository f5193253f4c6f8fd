#include "virtio/net_device.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "net/backend_factory.h"
#include "net/checksum.h"
#include "net/event_loop.h"

namespace strata::virtio {
namespace {

// struct virtio_net_hdr (§5.1.6): flags, gso_type, hdr_len, gso_size, csum_start, csum_offset,
// and num_buffers, which exists with VIRTIO_F_VERSION_1 or MRG_RXBUF (12 bytes, else 10).
constexpr size_t kHeaderSizeLegacy = 10;
constexpr size_t kHeaderSizeModern = 12;
constexpr uint8_t kHeaderNeedsCsum = 1;
constexpr uint8_t kHeaderDataValid = 2;
constexpr uint8_t kGsoNone = 0;
constexpr size_t kCsumStartOffset = 6;
constexpr size_t kCsumOffsetOffset = 8;
constexpr size_t kNumBuffersOffset = 10;

// Configuration space (§5.1.4): mac[6], status (le16), max_virtqueue_pairs (le16).
constexpr uint16_t kStatusLinkUp = 1;
constexpr size_t kConfigSize = 10;

constexpr unsigned kRxQueue = 0;
constexpr unsigned kTxQueue = 1;
// Transmit requests handled per turn before letting received frames and other work in.
constexpr int kTxBudget = 128;

uint16_t load_le16(std::span<const uint8_t> bytes, size_t offset) {
  return static_cast<uint16_t>(bytes[offset] | (bytes[offset + 1] << 8));
}

void store_le16(std::span<uint8_t> bytes, size_t offset, uint16_t value) {
  bytes[offset] = static_cast<uint8_t>(value);
  bytes[offset + 1] = static_cast<uint8_t>(value >> 8);
}

}  // namespace

// The device's IoThread as the event loop its back end runs on.
class NetDevice::Loop final : public net::EventLoop {
 public:
  explicit Loop(IoThread& thread) : thread_(thread) {}
  void post(std::function<void()> work) override { thread_.post(std::move(work)); }
  Result<void> watch(int fd, uint32_t events, std::function<void(uint32_t)> callback) override {
    return thread_.watch(fd, events, std::move(callback));
  }
  void unwatch(int fd) override { thread_.unwatch(fd); }

 private:
  IoThread& thread_;
};

NetDevice::NetDevice(std::string name, net::MacAddress mac)
    : name_(std::move(name)),
      mac_(mac),
      io_(std::make_unique<IoThread>(name_)),
      loop_(std::make_unique<Loop>(*io_)) {}

Result<std::unique_ptr<NetDevice>> NetDevice::create(std::string name,
                                                     const machine::NetConfig& config,
                                                     net::MacAddress mac) {
  std::unique_ptr<NetDevice> device(new NetDevice(std::move(name), mac));
  Result<void> opened;
  // The back end is created and started on the I/O thread it will live on.
  device->io_->run_sync([&] {
    auto backend = net::open_backend(*device->loop_, config);
    if (!backend) {
      opened = std::unexpected(backend.error());
      return;
    }
    device->backend_ = std::move(*backend);
    device->backend_->start(
        [raw = device.get()](std::span<const uint8_t> frame) { return raw->receive(frame); },
        [raw = device.get()] { raw->link_went_down(); });
  });
  if (!opened) return std::unexpected(opened.error());
  return device;
}

NetDevice::~NetDevice() {
  // The back end watches fds on the I/O thread: take it down there; then stop the thread before
  // the members its pending work would touch go away.
  io_->run_sync([this] {
    ++generation_;
    context_ = nullptr;
    backend_.reset();
  });
  io_.reset();
}

uint64_t NetDevice::features() const {
  return kNetFeatureMac | kNetFeatureStatus | kNetFeatureMrgRxbuf | kNetFeatureCsum |
         kNetFeatureGuestCsum;
}

void NetDevice::read_config(uint32_t offset, std::span<uint8_t> out) {
  std::array<uint8_t, kConfigSize> config{};
  std::copy(mac_.begin(), mac_.end(), config.begin());
  store_le16(config, 6, link_up_.load() ? kStatusLinkUp : 0);
  store_le16(config, 8, 1);  // one queue pair
  for (size_t i = 0; i < out.size(); ++i) {
    const uint64_t at = static_cast<uint64_t>(offset) + i;
    out[i] = at < config.size() ? config[at] : 0;
  }
}

void NetDevice::write_config(uint32_t offset, std::span<const uint8_t> in) {
  // Only the MAC is writable (legacy drivers may set it, §5.1.4.2); the rest is read-only.
  for (size_t i = 0; i < in.size(); ++i) {
    const uint64_t at = static_cast<uint64_t>(offset) + i;
    if (at < mac_.size()) mac_[at] = in[i];
  }
}

void NetDevice::activate(DeviceContext& context) {
  io_->post([this, &context, generation = generation_] {
    if (generation != generation_) return;
    context_ = &context;
    features_ = context.driver_features();
    header_size_ = (features_ & (kFeatureVersion1 | kNetFeatureMrgRxbuf)) != 0 ? kHeaderSizeModern
                                                                               : kHeaderSizeLegacy;
    // Receive buffers that were popped but unused when the state was saved.
    for (const uint16_t head : std::exchange(restored_rx_heads_, {})) {
      if (auto chain = context.queue(kRxQueue).reload(head))
        rx_chains_.push_back(std::move(*chain));
    }
    process_tx(generation_);
    rx_waiting_ = false;
    backend_->resume_receive();
  });
}

void NetDevice::notify(unsigned queue) {
  if (queue == kRxQueue) {
    io_->post([this] { refill_notified(); });
  } else if (queue == kTxQueue) {
    io_->post([this] { process_tx(generation_); });
  }
}

void NetDevice::reset() {
  io_->run_sync([this] {
    ++generation_;
    context_ = nullptr;
    rx_chains_.clear();
    rx_waiting_ = false;
    rx_notifications_ = true;
    rx_interrupt_pending_ = false;
    restored_rx_heads_.clear();
  });
}

uint64_t NetDevice::dropped() const {
  uint64_t total = 0;
  io_->run_sync([&] { total = dropped_ + backend_->dropped(); });
  return total;
}

void NetDevice::refill_notified() {
  if (context_ == nullptr || !rx_waiting_ || !backend_) return;
  // Buffers are back: stop the kicks until the ring runs dry again, and let frames flow.
  context_->queue(kRxQueue).disable_notifications();
  rx_notifications_ = false;
  rx_waiting_ = false;
  backend_->resume_receive();
}

bool NetDevice::gather_rx_buffers(size_t needed) {
  Queue& queue = context_->queue(kRxQueue);
  const bool mergeable = (features_ & kNetFeatureMrgRxbuf) != 0;
  for (;;) {
    if (!rx_chains_.empty()) {
      // Without mergeable buffers a frame goes into exactly one buffer (receive() checks its size).
      if (!mergeable) return true;
      uint64_t capacity = 0;
      for (const auto& chain : rx_chains_) capacity += chain.writable_bytes();
      if (capacity >= needed) return true;
    }
    std::optional<DescriptorChain> chain = queue.pop();
    if (!chain) {
      if (!rx_notifications_) {
        // Ask for a kick, then look once more: the driver may have added buffers in between.
        queue.enable_notifications();
        rx_notifications_ = true;
        continue;
      }
      return false;
    }
    rx_chains_.push_back(std::move(*chain));
  }
}

bool NetDevice::receive(std::span<const uint8_t> frame) {
  // No driver (yet, or after a reset): the frame is lost, as on a NIC that is down.
  if (context_ == nullptr || !context_->queue(kRxQueue).ready()) return true;
  Queue& queue = context_->queue(kRxQueue);
  const size_t needed = header_size_ + frame.size();
  if (!gather_rx_buffers(needed)) {
    rx_waiting_ = true;
    return false;
  }
  const bool mergeable = (features_ & kNetFeatureMrgRxbuf) != 0;
  if (!mergeable && rx_chains_.front().writable_bytes() < needed) {
    // A buffer too small for this frame (the driver sized it for less): drop the frame, keep the
    // buffer for a smaller one. A buffer too small for even a header is returned unused.
    ++dropped_;
    if (rx_chains_.front().writable_bytes() < header_size_) {
      queue.push(rx_chains_.front(), 0);
      rx_chains_.pop_front();
      rx_interrupt_pending_ = true;
    }
    return true;
  }
  packet_.assign(header_size_, 0);
  packet_.insert(packet_.end(), frame.begin(), frame.end());
  // Tell the driver the checksum was verified here, so it need not do it again (§5.1.6.3.1).
  if ((features_ & kNetFeatureGuestCsum) != 0 && net::ipv4_transport_checksum_valid(frame)) {
    packet_[0] = kHeaderDataValid;
  }
  // How many buffers the frame spans.
  size_t buffers = 0;
  for (uint64_t capacity = 0; capacity < needed; ++buffers) {
    capacity += rx_chains_[buffers].writable_bytes();
  }
  if (header_size_ == kHeaderSizeModern) {
    store_le16(packet_, kNumBuffersOffset, static_cast<uint16_t>(buffers));
  }
  size_t offset = 0;
  for (size_t i = 0; i < buffers; ++i) {
    DescriptorChain& chain = rx_chains_.front();
    const size_t written = chain.write(0, std::span(packet_).subspan(offset));
    offset += written;
    queue.push(chain, static_cast<uint32_t>(written));
    rx_chains_.pop_front();
  }
  // One interrupt for the frames delivered in this turn of the loop, not one per frame.
  if (!rx_interrupt_pending_) {
    rx_interrupt_pending_ = true;
    io_->post([this, generation = generation_] {
      if (generation == generation_) flush_rx_interrupt();
    });
  }
  return true;
}

void NetDevice::link_went_down() {
  link_up_.store(false);
  // The driver rereads the status on a configuration change (VIRTIO_NET_F_STATUS) and reports
  // the carrier loss to the guest's network stack.
  if (context_ != nullptr) context_->signal_config_change();
}

void NetDevice::flush_rx_interrupt() {
  rx_interrupt_pending_ = false;
  if (context_ != nullptr) context_->queue(kRxQueue).notify_if_needed();
}

void NetDevice::transmit(const DescriptorChain& chain) {
  const uint64_t total = chain.readable_bytes();
  if (total < header_size_ + net::kEthernetHeaderSize ||
      total > header_size_ + net::kMaxFrameSize) {
    ++dropped_;
    return;
  }
  packet_.resize(total);
  chain.read(0, packet_);
  const std::span header(packet_.data(), header_size_);
  const std::span frame = std::span(packet_).subspan(header_size_);
  // No segmentation offload is offered, so a GSO frame is a driver error: drop it.
  if (header[1] != kGsoNone) {
    ++dropped_;
    return;
  }
  if ((header[0] & kHeaderNeedsCsum) != 0) {
    if ((features_ & kNetFeatureCsum) == 0 ||
        !net::complete_checksum(frame, load_le16(header, kCsumStartOffset),
                                load_le16(header, kCsumOffsetOffset))) {
      ++dropped_;
      return;
    }
  }
  backend_->send(frame);
}

void NetDevice::process_tx(uint64_t generation) {
  if (generation != generation_ || context_ == nullptr || !backend_) return;
  Queue& queue = context_->queue(kTxQueue);
  if (!queue.ready()) return;
  int budget = kTxBudget;
  bool sent_any = false;
  for (;;) {
    queue.disable_notifications();
    while (std::optional<DescriptorChain> chain = queue.pop()) {
      transmit(*chain);
      queue.push(*chain, 0);
      sent_any = true;
      if (--budget == 0) {
        // More may be waiting: continue in a later turn, after pending receive work.
        queue.notify_if_needed();
        io_->post([this, generation] { process_tx(generation); });
        return;
      }
    }
    queue.enable_notifications();
    // A request made available between the last pop and enabling would go unnoticed otherwise.
    std::optional<DescriptorChain> chain = queue.pop();
    if (!chain) break;
    transmit(*chain);
    queue.push(*chain, 0);
    sent_any = true;
  }
  if (sent_any) queue.notify_if_needed();
}

void NetDevice::save(state::Writer& out) const {
  std::vector<uint16_t> heads;
  io_->run_sync([&] {
    for (const auto& chain : rx_chains_) heads.push_back(chain.head());
    if (context_ == nullptr) heads = restored_rx_heads_;
  });
  out.begin(state::tag("VNET"), 1);
  out.put_bytes(mac_.data(), mac_.size());
  out.put(static_cast<uint32_t>(heads.size()));
  for (const uint16_t head : heads) out.put(head);
  out.end();
}

Result<void> NetDevice::restore(state::Reader& in) {
  auto version = in.begin(state::tag("VNET"), 1);
  if (!version) return std::unexpected(version.error());
  net::MacAddress mac{};
  for (auto& byte : mac) byte = in.get<uint8_t>();
  const auto count = in.get<uint32_t>();
  if (count > kMaxQueueSize)
    return fail("{}: corrupt state: {} held receive buffers", name_, count);
  std::vector<uint16_t> heads(count);
  for (auto& head : heads) head = in.get<uint16_t>();
  if (auto ended = in.end(); !ended) return std::unexpected(ended.error());
  mac_ = mac;
  io_->run_sync([&] { restored_rx_heads_ = std::move(heads); });
  return {};
}

}  // namespace strata::virtio
