#include "cli/switch_command.h"

#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <memory>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "backend/unique_fd.h"
#include "net/epoll_loop.h"
#include "net/switch_server.h"

namespace strata::cli {

int run_switch(const SwitchOptions& options) {
  auto loop = net::EpollLoop::create();
  if (!loop) {
    fmt::print(stderr, "strata switch: {}\n", loop.error().message);
    return 1;
  }
  // SIGINT/SIGTERM arrive through a signalfd so the loop ends cleanly and the socket file is
  // removed; SIGPIPE is not wanted at all (sends use MSG_NOSIGNAL, this is belt and braces).
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  const backend::UniqueFd signal_fd(::signalfd(-1, &signals, SFD_CLOEXEC | SFD_NONBLOCK));
  if (!signal_fd.valid()) {
    fmt::print(stderr, "strata switch: signalfd failed\n");
    return 1;
  }
  auto server = net::SwitchServer::create(**loop, options.socket, options.verbose);
  if (!server) {
    fmt::print(stderr, "strata switch: {}\n", server.error().message);
    return 1;
  }
  if (auto watched = (*loop)->watch(signal_fd.get(), EPOLLIN, [&](uint32_t) { (*loop)->stop(); });
      !watched) {
    fmt::print(stderr, "strata switch: {}\n", watched.error().message);
    return 1;
  }
  if (options.verbose) fmt::print(stderr, "strata switch: listening on {}\n", options.socket);
  (*loop)->run();
  const net::SwitchStats& stats = (*server)->stats();
  if (options.verbose) {
    fmt::print(stderr,
               "strata switch: {} frames in, {} unicast, {} flooded, {} dropped ({} malformed)\n",
               stats.frames_in, stats.unicast, stats.flooded, stats.dropped, stats.malformed);
  }
  return 0;
}

std::shared_ptr<SwitchOptions> add_switch_command(CLI::App& app) {
  auto options = std::make_shared<SwitchOptions>();
  CLI::App* command = app.add_subcommand(
      "switch", "Run a virtual Ethernet switch; VMs join it with --net switch:SOCKET");
  command->add_option("--socket", options->socket, "Unix socket path to listen on")->required();
  command->add_flag("-v,--verbose", options->verbose,
                    "Log ports connecting and leaving, and frame counts at exit");
  return options;
}

}  // namespace strata::cli
