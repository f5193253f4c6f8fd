#include "virtio/blk_device.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace strata::virtio {

namespace {

constexpr uint32_t kBlkSection = state::tag("VBLK");
constexpr uint32_t kBlkVersion = 1;

}  // namespace

BlkDevice::BlkDevice(std::string name, std::unique_ptr<block::BlockBackend> backend,
                     std::string serial)
    : name_(std::move(name)),
      backend_(std::move(backend)),
      serial_(std::move(serial)),
      thread_(name_) {
  geometry_.capacity_sectors = backend_->size() / blk::kSectorSize;
  geometry_.seg_max = kQueueSize - 2;  // the header and status descriptors take two
  geometry_.read_only = backend_->read_only();
  // qcow2 releases whole clusters only; tell the guest so it sends discards it can use.
  geometry_.discard_alignment_sectors =
      static_cast<uint32_t>(std::max<uint64_t>(1, backend_->discard_granularity() / 512));
  config_ = blk::config_space(geometry_);
  for (unsigned i = 0; i < kWorkers; ++i) workers_.emplace_back([this] { worker(); });
}

BlkDevice::~BlkDevice() {
  reset();
  {
    const std::scoped_lock lock(jobs_mutex_);
    stopping_ = true;
  }
  jobs_changed_.notify_all();
  for (std::thread& t : workers_) t.join();
}

void BlkDevice::read_config(uint32_t offset, std::span<uint8_t> out) {
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = offset + i < config_.size() ? config_[offset + i] : 0;
  }
}

// Nothing in the configuration is writable without VIRTIO_BLK_F_CONFIG_WCE, which is not offered.
void BlkDevice::write_config(uint32_t /*offset*/, std::span<const uint8_t> /*in*/) {}

void BlkDevice::activate(DeviceContext& context) {
  thread_.post([this, &context] {
    context_ = &context;
    replay_saved();
    serve();
  });
}

void BlkDevice::notify(unsigned /*queue*/) {
  thread_.post([this] { serve(); });
}

void BlkDevice::reset() {
  thread_.run_sync([this] {
    context_ = nullptr;
    ++generation_;
    in_flight_.clear();
    recent_.clear();
  });
  // Requests not started are dropped; those running finish (their completions are then ignored).
  std::unique_lock lock(jobs_mutex_);
  jobs_.clear();
  jobs_changed_.wait(lock, [this] { return busy_workers_ == 0; });
}

void BlkDevice::serve() {
  if (context_ == nullptr) return;
  Queue& queue = context_->queue(0);
  for (;;) {
    queue.disable_notifications();
    const bool idle = in_flight_.empty();
    std::vector<Job> batch;
    for (;;) {
      const uint16_t avail_index = queue.indices().last_avail;
      std::optional<DescriptorChain> chain = queue.pop();
      if (!chain) break;
      if (std::optional<Job> job = make_job(std::move(*chain), avail_index)) {
        batch.push_back(std::move(*job));
      }
    }
    // A lone request on an idle device runs right here: two thread hand-offs fewer on the
    // latency path. Anything more goes to the workers, to be in flight together.
    if (idle && batch.size() == 1) {
      complete(batch.front(), execute(batch.front()));
    } else {
      for (Job& job : batch) enqueue(std::move(job));
    }
    queue.enable_notifications();
    if (queue.failed() || !queue.has_available()) break;
  }
}

std::optional<BlkDevice::Job> BlkDevice::make_job(DescriptorChain chain, uint16_t avail_index) {
  // §5.2.6: every request starts with the 16-byte header and ends with the status byte; a chain
  // without room for them cannot even be answered.
  if (chain.readable_bytes() < blk::kHeaderBytes || chain.writable_bytes() < 1) {
    context_->fail(fmt::format("{}: request {} has no room for its header and status byte", name_,
                               chain.head()));
    return std::nullopt;
  }
  uint8_t raw[blk::kHeaderBytes];
  chain.read(0, raw);
  blk::Header header;
  std::memcpy(&header.type, raw, 4);
  std::memcpy(&header.sector, raw + 8, 8);
  in_flight_.push_back({avail_index, 0, chain.head(), false});
  return Job{std::move(chain), header, context_->driver_features(), generation_, avail_index};
}

void BlkDevice::enqueue(Job job) {
  {
    const std::scoped_lock lock(jobs_mutex_);
    jobs_.push_back(std::move(job));
  }
  jobs_changed_.notify_one();
}

uint32_t BlkDevice::execute(Job& job) {
  std::string error;
  const uint32_t written =
      blk::execute(*backend_, geometry_, job.features, serial_, job.header, job.chain, &error);
  if (!error.empty() && !error_logged_.exchange(true)) {
    fmt::print(stderr, "strata: {}: I/O error: {} (further errors are not shown)\n", name_, error);
  }
  return written;
}

void BlkDevice::worker() {
  std::unique_lock lock(jobs_mutex_);
  for (;;) {
    jobs_changed_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
    if (jobs_.empty()) return;  // stopping
    auto job = std::make_shared<Job>(std::move(jobs_.front()));
    jobs_.pop_front();
    ++busy_workers_;
    lock.unlock();

    std::string error;
    const uint32_t written =
        blk::execute(*backend_, geometry_, job->features, serial_, job->header, job->chain, &error);
    if (!error.empty() && !error_logged_.exchange(true)) {
      fmt::print(stderr, "strata: {}: I/O error: {} (further errors are not shown)\n", name_,
                 error);
    }
    thread_.post([this, job, written] { complete(*job, written); });

    lock.lock();
    --busy_workers_;
    jobs_changed_.notify_all();
  }
}

void BlkDevice::complete(const Job& job, uint32_t written) {
  if (context_ == nullptr || job.generation != generation_) return;
  Queue& queue = context_->queue(0);
  const uint16_t head = job.chain.head();
  std::erase_if(in_flight_, [&](const Tracked& t) { return t.avail_index == job.avail_index; });
  recent_.push_back({job.avail_index, queue.indices().used, head, true});
  if (recent_.size() > kQueueSize) recent_.pop_front();
  queue.push(job.chain, written);
  queue.notify_if_needed();
}

void BlkDevice::save(state::Writer& out) const {
  std::vector<Tracked> tracked;
  thread_.run_sync([&] {
    tracked.assign(recent_.begin(), recent_.end());
    tracked.insert(tracked.end(), in_flight_.begin(), in_flight_.end());
  });
  out.begin(kBlkSection, kBlkVersion);
  out.put(static_cast<uint32_t>(tracked.size()));
  for (const Tracked& t : tracked) {
    out.put(t.avail_index);
    out.put(t.used_index);
    out.put(t.head);
    out.put(static_cast<uint8_t>(t.completed));
  }
  out.end();
}

Result<void> BlkDevice::restore(state::Reader& in) {
  if (auto version = in.begin(kBlkSection, kBlkVersion); !version) {
    return std::unexpected(version.error());
  }
  const auto count = in.get<uint32_t>();
  if (count > 2U * kQueueSize) return fail("{}: {} requests in the saved state", name_, count);
  std::vector<Tracked> tracked(count);
  for (Tracked& t : tracked) {
    t.avail_index = in.get<uint16_t>();
    t.used_index = in.get<uint16_t>();
    t.head = in.get<uint16_t>();
    t.completed = in.get<uint8_t>() != 0;
  }
  if (!in.ok()) return fail("{}: truncated saved state", name_);
  if (auto r = in.end(); !r) return r;
  thread_.run_sync([&] { replay_ = std::move(tracked); });
  return {};
}

// The transport saved the ring indices just before this device saved its requests, while the
// device kept running: a request counts if the saved avail index covers its pop, and is redone
// unless the saved used index already covers its completion.
void BlkDevice::replay_saved() {
  std::vector<Tracked> tracked;
  tracked.swap(replay_);
  if (tracked.empty()) return;
  Queue& queue = context_->queue(0);
  const QueueIndices saved = queue.indices();
  for (const Tracked& t : tracked) {
    const auto popped_before = static_cast<uint16_t>(saved.last_avail - t.avail_index);
    if (popped_before == 0 || popped_before > kQueueSize) continue;
    if (t.completed && static_cast<uint16_t>(t.used_index - saved.used) >= 0x8000) continue;
    std::optional<DescriptorChain> chain = queue.reload(t.head);
    if (!chain) return;  // the queue failed and said why
    if (std::optional<Job> job = make_job(std::move(*chain), t.avail_index)) {
      enqueue(std::move(*job));
    }
  }
}

}  // namespace strata::virtio
