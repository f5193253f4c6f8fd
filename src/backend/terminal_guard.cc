#include "backend/terminal_guard.h"

#include <signal.h>  // NOLINT(modernize-deprecated-headers): POSIX sigaction
#include <termios.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>

namespace strata::backend {
namespace {

constexpr std::array kSignals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT};

// Process-wide, because signal handlers and atexit() have no other way to reach it. g_saved is
// written only while g_active is false; the handlers read it only after winning g_active.
int g_fd = -1;
termios g_saved{};
std::atomic<bool> g_active{false};
std::array<struct sigaction, NSIG> g_previous{};
std::once_flag g_install_once;
std::mutex g_enter_mutex;  // serializes enter_raw(), so only one guard can win

static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler relies on it");

// Async-signal-safe: an atomic exchange and tcsetattr().
void restore_terminal() {
  if (g_active.exchange(false)) tcsetattr(g_fd, TCSANOW, &g_saved);
}

extern "C" void restore_at_exit() {
  restore_terminal();
}

// Passes the signal on to whatever handled it before. Only when that is the default action, which
// ends the process, is the terminal restored first; a program's own handler (a graceful shutdown)
// gets the terminal back through the guard's destructor instead.
extern "C" void on_signal(int signal, siginfo_t* info, void* context) {
  const struct sigaction& previous = g_previous[static_cast<size_t>(signal)];
  if ((previous.sa_flags & SA_SIGINFO) != 0) {
    if (previous.sa_sigaction != nullptr) previous.sa_sigaction(signal, info, context);
    return;
  }
  if (previous.sa_handler == SIG_IGN) return;
  if (previous.sa_handler != SIG_DFL) {
    previous.sa_handler(signal);
    return;
  }
  const int saved_errno = errno;
  restore_terminal();
  struct sigaction fallback {};
  fallback.sa_handler = SIG_DFL;
  sigemptyset(&fallback.sa_mask);
  sigaction(signal, &fallback, nullptr);
  raise(signal);  // blocked while this handler runs; delivered, fatally, when it returns
  errno = saved_errno;
}

void install_handlers() {
  std::atexit(restore_at_exit);
  for (const int signal : kSignals) {
    struct sigaction action {};
    action.sa_sigaction = on_signal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(signal, &action, &g_previous[static_cast<size_t>(signal)]);
  }
}

}  // namespace

Result<std::unique_ptr<TerminalGuard>> TerminalGuard::enter_raw(int fd) {
  const std::lock_guard lock(g_enter_mutex);
  termios saved{};
  if (tcgetattr(fd, &saved) != 0) {
    return fail("cannot read the terminal settings: {}", std::strerror(errno));
  }
  if (g_active.load()) return fail("the terminal is already in use by another console");
  g_fd = fd;
  g_saved = saved;
  std::call_once(g_install_once, install_handlers);

  termios raw = saved;
  raw.c_iflag &=
      ~static_cast<tcflag_t>(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  raw.c_oflag |= OPOST;
  raw.c_lflag &= ~static_cast<tcflag_t>(ECHO | ECHONL | ICANON | IEXTEN | ISIG);
  raw.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB);
  raw.c_cflag |= CS8;
  raw.c_cc[VMIN] = 1;
  raw.c_cc[VTIME] = 0;
  g_active.store(true);
  if (tcsetattr(fd, TCSANOW, &raw) != 0) {
    const int error = errno;
    g_active.store(false);
    return fail("cannot put the terminal into raw mode: {}", std::strerror(error));
  }
  return std::unique_ptr<TerminalGuard>(new TerminalGuard());
}

TerminalGuard::~TerminalGuard() {
  restore_terminal();
}

}  // namespace strata::backend
