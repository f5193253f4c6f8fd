// The engine under every file-descriptor character back end (stdio, file, pty, Unix socket): one
// small I/O thread that polls the input descriptor, the output descriptor when output is queued,
// an optional listening socket, and an eventfd other threads use to wake it.
//
// The back ends differ only in where their descriptors come from and in what it means when the
// other side goes away, which PeerPolicy captures; the thread, the buffering, the input flow
// control and the shutdown are the same for all of them.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "backend/char_backend.h"
#include "backend/output_queue.h"
#include "backend/unique_fd.h"
#include "util/error.h"

namespace strata::backend {

// 1 MiB of guest output may wait for a slow reader before bytes are dropped: several screens of
// boot log, little memory.
inline constexpr size_t kDefaultOutputCapacity = size_t{1} << 20;

// Turns bytes read from the host into guest input; may also answer the host directly (the
// stdio escape commands print their help that way).
class InputFilter {
 public:
  virtual ~InputFilter() = default;
  virtual void filter(std::span<const uint8_t> from_host, std::vector<uint8_t>& to_guest,
                      std::vector<uint8_t>& to_host) = 0;
};

// What the other side going away means.
enum class PeerPolicy : uint8_t {
  // stdio, file: the descriptors live as long as the back end. End of input stops input for
  // good; a failed output (a closed pipe) drops output from then on.
  kFixed,
  // pty: a terminal program opens and closes the slave side at will. While nobody has it open the
  // master reports a hang-up; output is dropped and the master is looked at again every 100 ms.
  kReopen,
  // Unix socket: input and output are the accepted client. When it leaves, the next client is
  // accepted; output is dropped while there is none.
  kAccept,
};

struct FdEndpoints {
  std::string name;   // for messages: "stdio", "pty /dev/pts/3", ...
  UniqueFd input;     // read for guest input; invalid: no input
  UniqueFd output;    // written with guest output; invalid: no output
  UniqueFd listener;  // kAccept: a listening, non-blocking socket
  PeerPolicy policy = PeerPolicy::kFixed;
  std::unique_ptr<InputFilter> filter;  // may be null
  // Runs on the destroying thread once the I/O thread has stopped (restore the terminal, remove
  // the socket path).
  std::function<void()> on_close;
  size_t output_capacity = kDefaultOutputCapacity;
  // On destruction, queued output still gets this long to reach its reader.
  std::chrono::milliseconds drain_timeout{2000};
};

class FdCharBackend final : public CharBackend {
 public:
  [[nodiscard]] static Result<std::unique_ptr<FdCharBackend>> create(FdEndpoints endpoints);
  // Stops the I/O thread after draining queued output (bounded by drain_timeout). Must not run on
  // the I/O thread itself, i.e. not from a receiver or an escape callback.
  ~FdCharBackend() override;
  FdCharBackend(const FdCharBackend&) = delete;
  FdCharBackend& operator=(const FdCharBackend&) = delete;

  void write(std::span<const uint8_t> bytes) override;
  void set_receiver(Receiver receiver) override;
  void resume_input() override { wake(); }
  uint64_t dropped_output() const override { return dropped_.load(std::memory_order_relaxed); }
  bool connected() const override;

 private:
  FdCharBackend(FdEndpoints endpoints, UniqueFd wake);
  using Clock = std::chrono::steady_clock;

  void wake();
  void run();
  // The steps of one loop iteration; all on the I/O thread.
  void drain_wake_fd();
  void deliver_held();
  void read_input();
  void write_output();
  void accept_client();
  void check_reopened_peer();
  void input_ended();
  void output_failed();
  void peer_gone();
  void set_output_connected(bool connected);

  FdEndpoints endpoints_;
  UniqueFd wake_fd_;
  std::atomic<bool> wake_posted_{false};
  std::atomic<bool> stop_{false};

  // Guest output, shared with the writing threads.
  mutable std::mutex output_mutex_;
  OutputQueue queue_;
  bool output_connected_ = false;
  std::atomic<uint64_t> dropped_{0};

  // The device's receiver; held while it runs so set_receiver() can wait for it to finish.
  std::mutex receiver_mutex_;
  Receiver receiver_;
  std::atomic<bool> has_receiver_{false};

  // I/O thread state.
  int in_fd_ = -1;
  int out_fd_ = -1;
  bool out_is_socket_ = false;
  bool input_open_ = false;   // not at end of input
  bool peer_present_ = true;  // kReopen: somebody has the slave side open
  Clock::time_point recheck_at_{};
  UniqueFd client_;                      // kAccept: the connected client
  Clock::time_point accept_retry_at_{};  // kAccept: when accept() may be tried after a failure
  std::vector<uint8_t> held_;            // input read from the host, not yet taken by the receiver
  size_t held_taken_ = 0;
  std::vector<uint8_t> to_host_;

  std::thread thread_;  // last: starts after everything above exists
};

}  // namespace strata::backend
