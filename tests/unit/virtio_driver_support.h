// A minimal driver side of split virtqueues for device unit tests: rings in a GuestRam, chains
// added as a driver would, the used ring read back, and a DeviceContext over real Queues.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "mem/guest_ram.h"
#include "virtio/device.h"
#include "virtio/queue.h"

namespace strata::test {

inline constexpr uint64_t kVirtioRamBase = 0x8000'0000;

struct TestSegment {
  uint64_t paddr;
  uint32_t length;
  bool writable;
};

// One split ring of `size` entries at `base` (desc table, then avail, then used 4-aligned).
class TestRing {
 public:
  TestRing(mem::GuestRam& ram, uint64_t base, uint16_t size) : ram_(ram), size_(size) {
    layout_.size = size;
    layout_.desc = base;
    layout_.avail = base + 16ULL * size;
    layout_.used = (layout_.avail + 6 + 2ULL * size + 3) & ~3ULL;
    layout_.used_alignment = 4;
  }
  const virtio::QueueLayout& layout() const { return layout_; }

  // Adds a chain and makes it available; returns its head. Descriptors are used round-robin.
  uint16_t add(const std::vector<TestSegment>& segments) {
    const uint16_t head = next_desc_;
    for (size_t i = 0; i < segments.size(); ++i) {
      const auto index = static_cast<uint16_t>((head + i) % size_);
      const auto next = static_cast<uint16_t>((index + 1) % size_);
      uint16_t flags = segments[i].writable ? 2 : 0;
      if (i + 1 < segments.size()) flags |= 1;
      const uint64_t at = layout_.desc + 16ULL * index;
      put<uint64_t>(at, segments[i].paddr);
      put<uint32_t>(at + 8, segments[i].length);
      put<uint16_t>(at + 12, flags);
      put<uint16_t>(at + 14, next);
    }
    next_desc_ = static_cast<uint16_t>((head + segments.size()) % size_);
    const auto avail_idx = get<uint16_t>(layout_.avail + 2);
    put<uint16_t>(layout_.avail + 4 + 2ULL * (avail_idx % size_), head);
    put<uint16_t>(layout_.avail + 2, static_cast<uint16_t>(avail_idx + 1));
    return head;
  }
  uint16_t used_idx() const { return get<uint16_t>(layout_.used + 2); }
  // The used element at position `i`: {id, len}.
  std::pair<uint32_t, uint32_t> used(uint16_t i) const {
    const uint64_t at = layout_.used + 4 + 8ULL * (i % size_);
    return {get<uint32_t>(at), get<uint32_t>(at + 4)};
  }
  // Waits (up to 5 s) until the used index reaches `count`.
  bool wait_used(uint16_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (used_idx() != count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
  }

 private:
  template <typename T>
  void put(uint64_t paddr, T value) {
    ASSERT_TRUE(ram_.write(paddr, &value, sizeof value));
  }
  template <typename T>
  T get(uint64_t paddr) const {
    T value{};
    std::memcpy(&value, ram_.host(paddr), sizeof value);  // racing the device thread is fine:
    return value;                                         // tests poll until it settles
  }

  mem::GuestRam& ram_;
  uint16_t size_;
  virtio::QueueLayout layout_;
  uint16_t next_desc_ = 0;
};

// The transport's side for one device: real queues over `ram`, counters for what it signals.
class TestContext final : public virtio::DeviceContext, public virtio::QueueEvents {
 public:
  TestContext(mem::GuestRam& ram, uint64_t features) : ram_(ram), features_(features) {}

  // Sets queue `index` up on `ring`.
  void add_queue(unsigned index, const TestRing& ring) {
    while (queues_.size() <= index) {
      queues_.push_back(std::make_unique<virtio::Queue>(ram_, *this, queues_.size()));
    }
    ASSERT_TRUE(queues_[index]->activate(ring.layout(), features_));
  }

  virtio::Queue& queue(unsigned index) override { return *queues_.at(index); }
  uint64_t driver_features() const override { return features_; }
  mem::GuestRam& ram() override { return ram_; }
  void signal_config_change() override { ++config_changes; }
  void fail(std::string_view why) override {
    failures.fetch_add(1);
    last_failure = std::string(why);
  }

  std::atomic<int> config_changes{0};
  std::atomic<int> interrupts{0};
  std::atomic<int> failures{0};
  std::string last_failure;

  void queue_interrupt() override { ++interrupts; }
  void queue_failed(std::string_view why) override { fail(why); }

 private:
  mem::GuestRam& ram_;
  uint64_t features_;
  std::vector<std::unique_ptr<virtio::Queue>> queues_;
};

}  // namespace strata::test
