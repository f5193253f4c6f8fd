// virtio-blk (virtio 1.2 §5.2, device ID 2): one request queue served against a block back end
// (raw or qcow2 image).
//
// The device's I/O thread pops requests and checks their fixed part; a lone request on an idle
// device it executes itself (the shortest path), several it hands to a small pool of worker
// threads that do the back-end I/O (several requests in flight; never on a vCPU). Data and status
// go straight into guest RAM; the I/O thread returns the buffers to the driver. Save/restore
// records the requests in flight (and the last completions, which may have raced with the
// transport's snapshot of the ring indices) and replays them after restore: every virtio-blk
// request is idempotent given the guest RAM it was saved with.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "block/block_backend.h"
#include "virtio/blk_protocol.h"
#include "virtio/device.h"
#include "virtio/io_thread.h"

namespace strata::virtio {

class BlkDevice final : public Device {
 public:
  static constexpr unsigned kWorkers = 4;
  static constexpr uint16_t kQueueSize = 256;

  // `serial` (at most 20 bytes) answers VIRTIO_BLK_T_GET_ID. A read-only back end makes a
  // read-only disk (VIRTIO_BLK_F_RO).
  BlkDevice(std::string name, std::unique_ptr<block::BlockBackend> backend, std::string serial);
  ~BlkDevice() override;
  BlkDevice(const BlkDevice&) = delete;
  BlkDevice& operator=(const BlkDevice&) = delete;

  std::string_view name() const override { return name_; }
  uint32_t device_id() const override { return kDeviceBlock; }
  uint64_t features() const override { return blk::offered_features(geometry_); }
  unsigned queue_count() const override { return 1; }
  uint16_t queue_max_size(unsigned /*queue*/) const override { return kQueueSize; }
  void read_config(uint32_t offset, std::span<uint8_t> out) override;
  void write_config(uint32_t offset, std::span<const uint8_t> in) override;
  void activate(DeviceContext& context) override;
  void notify(unsigned queue) override;
  void reset() override;
  void save(state::Writer& out) const override;
  [[nodiscard]] Result<void> restore(state::Reader& in) override;

  const block::BlockBackend& backend() const { return *backend_; }

 private:
  // Where a request sits in the rings, so a restore can tell which requests the saved ring
  // indices already account for.
  struct Tracked {
    uint16_t avail_index = 0;  // the avail ring position it was popped from
    uint16_t used_index = 0;   // the used ring position its completion took
    uint16_t head = 0;
    bool completed = false;
  };
  struct Job {
    DescriptorChain chain;
    blk::Header header;
    uint64_t features;
    uint64_t generation;
    uint16_t avail_index;
  };

  void serve();                                                              // I/O thread
  std::optional<Job> make_job(DescriptorChain chain, uint16_t avail_index);  // I/O thread
  void enqueue(Job job);                                                     // to the workers
  uint32_t execute(Job& job);                       // returns the bytes written into the chain
  void complete(const Job& job, uint32_t written);  // I/O thread
  void worker();
  void replay_saved();  // I/O thread, after a restore

  std::string name_;
  std::unique_ptr<block::BlockBackend> backend_;
  std::string serial_;
  blk::Geometry geometry_;
  std::array<uint8_t, blk::kConfigBytes> config_;

  // I/O thread state.
  DeviceContext* context_ = nullptr;
  uint64_t generation_ = 0;         // bumped on reset: completions of older requests are dropped
  std::vector<Tracked> in_flight_;  // popped and not yet returned, in pop order
  std::deque<Tracked> recent_;      // the last completions, for save/restore
  std::vector<Tracked> replay_;     // from restore(): completions, then requests in flight

  // Worker pool.
  std::mutex jobs_mutex_;
  std::condition_variable jobs_changed_;
  std::deque<Job> jobs_;
  unsigned busy_workers_ = 0;
  bool stopping_ = false;
  std::atomic<bool> error_logged_{false};  // the first back-end error is logged, not a flood
  std::vector<std::thread> workers_;

  mutable IoThread thread_;
};

}  // namespace strata::virtio
