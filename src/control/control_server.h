// The control socket (`strata run --control unix:PATH`): a listening Unix stream socket that
// serves the line protocol of CommandTable to up to kMaxClients clients at once, on a thread of
// its own.
//
// Hostile clients cannot hurt the VM: a line longer than kMaxLineBytes gets an error reply and is
// skipped up to its newline; a client that does not read its replies is disconnected once
// kMaxPendingReplyBytes of them wait; a request that is not JSON or names no command gets an error
// reply. Commands run one at a time on the server's thread, in arrival order per client.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "backend/unique_fd.h"
#include "control/command_table.h"
#include "util/error.h"

namespace strata::control {

class ControlServer final {
 public:
  static constexpr size_t kMaxLineBytes = 64 * 1024;
  static constexpr size_t kMaxPendingReplyBytes = 1024 * 1024;
  static constexpr size_t kMaxClients = 8;

  // `spec` is "unix:PATH". A stale socket at PATH (from a run that died) is replaced; any other
  // existing file is an error. `table` must outlive the server.
  [[nodiscard]] static Result<std::unique_ptr<ControlServer>> create(std::string_view spec,
                                                                     const CommandTable& table);
  // Stops the thread, disconnects the clients and removes the socket file.
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  const std::string& path() const { return path_; }

 private:
  struct Client {
    backend::UniqueFd fd;
    std::string input;         // bytes of the unfinished line
    std::string output;        // replies not yet written
    bool skipping = false;     // inside an over-long line: drop bytes up to its newline
    bool input_ended = false;  // the client shut down its side: close once replies are out
  };

  ControlServer(const CommandTable& table, std::string path, dev_t device, ino_t inode,
                backend::UniqueFd listener, backend::UniqueFd wake);
  void run();
  void accept_clients();
  // Each returns false when the client is to be dropped.
  bool read_from(Client& client);
  static bool write_to(Client& client);
  void handle_input(Client& client);
  void reply(Client& client, std::string_view line);

  const CommandTable& table_;
  std::string path_;
  dev_t socket_device_ = 0;
  ino_t socket_inode_ = 0;
  backend::UniqueFd listener_;
  backend::UniqueFd wake_;  // eventfd: stop
  std::vector<std::unique_ptr<Client>> clients_;
  std::thread thread_;
};

}  // namespace strata::control
