// Helpers for the virtio tests: a driver's view of a split ring in guest RAM (the tests write
// descriptors and ring entries exactly as a guest driver would, including hostile ones), a
// recorder of queue events, and a scriptable device.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "mem/guest_ram.h"
#include "virtio/device.h"
#include "virtio/queue.h"
#include "virtio/virtio.h"

namespace strata::test {

inline constexpr uint64_t kTestRamBase = 0x8000'0000;

// A split ring as a driver lays it out in guest RAM (virtio 1.2 §2.7).
class DriverRing {
 public:
  DriverRing(mem::GuestRam& ram, virtio::QueueLayout layout) : ram_(ram), layout_(layout) {}

  const virtio::QueueLayout& layout() const { return layout_; }

  void set_desc(uint16_t index, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next = 0) {
    write_desc(layout_.desc + 16ULL * index, addr, len, flags, next);
  }
  // A descriptor in an indirect table at `table`.
  void set_table_desc(uint64_t table, uint32_t index, uint64_t addr, uint32_t len, uint16_t flags,
                      uint16_t next = 0) {
    write_desc(table + 16ULL * index, addr, len, flags, next);
  }
  // Puts `head` in the next avail slot and publishes it.
  void make_available(uint16_t head) {
    put16(layout_.avail + 4 + 2ULL * (avail_idx_ % layout_.size), head);
    ++avail_idx_;
    put16(layout_.avail + 2, avail_idx_);
  }
  void set_avail_idx(uint16_t idx) {
    avail_idx_ = idx;
    put16(layout_.avail + 2, idx);
  }
  void set_avail_flags(uint16_t flags) { put16(layout_.avail, flags); }
  void set_used_event(uint16_t value) { put16(layout_.avail + 4 + 2ULL * layout_.size, value); }

  uint16_t used_flags() const { return get16(layout_.used); }
  uint16_t used_idx() const { return get16(layout_.used + 2); }
  uint32_t used_id(uint16_t slot) const { return get32(layout_.used + 4 + 8ULL * slot); }
  uint32_t used_len(uint16_t slot) const { return get32(layout_.used + 8 + 8ULL * slot); }
  uint16_t avail_event() const { return get16(layout_.used + 4 + 8ULL * layout_.size); }

  void fill(uint64_t paddr, uint8_t value, size_t length) {
    std::memset(ram_.host(paddr), value, length);
  }
  std::vector<uint8_t> bytes(uint64_t paddr, size_t length) const {
    const uint8_t* p = ram_.host(paddr);
    return {p, p + length};
  }

 private:
  void write_desc(uint64_t at, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next) {
    std::memcpy(ram_.host(at), &addr, 8);
    std::memcpy(ram_.host(at + 8), &len, 4);
    std::memcpy(ram_.host(at + 12), &flags, 2);
    std::memcpy(ram_.host(at + 14), &next, 2);
  }
  void put16(uint64_t paddr, uint16_t value) { std::memcpy(ram_.host(paddr), &value, 2); }
  uint16_t get16(uint64_t paddr) const {
    uint16_t v = 0;
    std::memcpy(&v, ram_.host(paddr), 2);
    return v;
  }
  uint32_t get32(uint64_t paddr) const {
    uint32_t v = 0;
    std::memcpy(&v, ram_.host(paddr), 4);
    return v;
  }

  mem::GuestRam& ram_;
  virtio::QueueLayout layout_;
  uint16_t avail_idx_ = 0;
};

// Records what a queue reports.
class RecordingQueueEvents final : public virtio::QueueEvents {
 public:
  void queue_interrupt() override { ++interrupts; }
  void queue_failed(std::string_view why) override { failures.emplace_back(why); }

  int interrupts = 0;
  std::vector<std::string> failures;
};

// A device the test drives by hand: it records what the transport asks of it, and the test uses
// the context it was activated with to pop and push on the test thread.
class ScriptedDevice final : public virtio::Device {
 public:
  explicit ScriptedDevice(uint32_t id = virtio::kDeviceEntropy, uint64_t features = 0,
                          unsigned queues = 2)
      : id_(id), features_(features), queues_(queues) {}

  std::string_view name() const override { return "virtio-test0"; }
  uint32_t device_id() const override { return id_; }
  uint64_t features() const override { return features_; }
  unsigned queue_count() const override { return queues_; }
  uint16_t queue_max_size(unsigned /*queue*/) const override { return 64; }
  void read_config(uint32_t offset, std::span<uint8_t> out) override {
    for (size_t i = 0; i < out.size(); ++i) {
      out[i] = offset + i < config.size() ? config[offset + i] : 0;
    }
  }
  void write_config(uint32_t offset, std::span<const uint8_t> in) override {
    for (size_t i = 0; i < in.size(); ++i) {
      if (offset + i < config.size()) config[offset + i] = in[i];
    }
  }
  void activate(virtio::DeviceContext& c) override {
    context = &c;
    ++activations;
  }
  void notify(unsigned queue) override { notified.push_back(queue); }
  void reset() override {
    context = nullptr;
    ++resets;
  }
  void save(state::Writer& out) const override {
    out.begin(state::tag("TDEV"), 1);
    out.put(progress);
    out.end();
  }
  Result<void> restore(state::Reader& in) override {
    if (auto v = in.begin(state::tag("TDEV"), 1); !v) return std::unexpected(v.error());
    progress = in.get<uint32_t>();
    return in.end();
  }

  virtio::DeviceContext* context = nullptr;
  int activations = 0;
  int resets = 0;
  std::vector<unsigned> notified;
  std::vector<uint8_t> config = std::vector<uint8_t>(8, 0);
  uint32_t progress = 0;  // stands for device-specific state

 private:
  uint32_t id_;
  uint64_t features_;
  unsigned queues_;
};

}  // namespace strata::test
