// The character back ends: the output queue, stdio over pipes (input, flow control, end of input,
// escapes, dropping, draining, a closed reader), files, pseudo-terminals, Unix sockets, the spec
// parser, the terminal guard, and a UART reading through a real back end.
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>  // NOLINT(modernize-deprecated-headers): POSIX posix_openpt
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>

#include "backend/char_backend_factory.h"
#include "backend/escape_filter.h"
#include "backend/file_backend.h"
#include "backend/output_queue.h"
#include "backend/pty_backend.h"
#include "backend/stdio_backend.h"
#include "backend/terminal_guard.h"
#include "backend/unique_fd.h"
#include "backend/unix_socket_backend.h"
#include "dev/uart16550.h"
#include "device_test_support.h"

namespace strata::test {
namespace {

using backend::CharBackend;
using backend::UniqueFd;
using namespace std::chrono_literals;

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

struct Pipe {
  Pipe() {
    std::array<int, 2> fds{};
    EXPECT_EQ(pipe2(fds.data(), O_CLOEXEC), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  UniqueFd read_end;
  UniqueFd write_end;
};

void send_text(int fd, std::string_view text) {
  ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

// Reads from `fd` until `count` bytes arrived or `timeout` passed.
std::string read_text(int fd, size_t count, std::chrono::milliseconds timeout = 5000ms) {
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (text.size() < count && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 10) <= 0) continue;
    std::array<char, 4096> buffer{};
    const ssize_t n = ::read(fd, buffer.data(), std::min(buffer.size(), count - text.size()));
    if (n <= 0) break;
    text.append(buffer.data(), static_cast<size_t>(n));
  }
  return text;
}

// Collects what a back end delivers; `allowance` limits how much it takes (flow control).
class Collector {
 public:
  CharBackend::Receiver receiver() {
    return [this](std::span<const uint8_t> bytes) {
      const std::lock_guard lock(mutex_);
      const size_t room = allowance_ - std::min(allowance_, text_.size());
      const size_t taken = std::min(room, bytes.size());
      text_.append(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(taken));
      return taken;
    };
  }
  std::string text() {
    const std::lock_guard lock(mutex_);
    return text_;
  }
  void allow(size_t total) {
    const std::lock_guard lock(mutex_);
    allowance_ = total;
  }
  bool has(std::string_view expected) {
    return eventually([&] { return text() == expected; });
  }

 private:
  std::mutex mutex_;
  std::string text_;
  size_t allowance_ = ~size_t{0};
};

std::filesystem::path temp_path(std::string_view name) {
  static std::atomic<int> counter{0};
  return std::filesystem::temp_directory_path() /
         ("strata-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
          std::string(name));
}

// A stdio back end on two pipes instead of the process's stdin and stdout.
class CharBackendStdio : public ::testing::Test {
 protected:
  std::unique_ptr<CharBackend> make(
      backend::StdioOptions::Escapes escapes = backend::StdioOptions::Escapes::kOff,
      size_t capacity = 0) {
    backend::StdioOptions options;
    options.input_fd = input.read_end.get();
    options.output_fd = output.write_end.get();
    options.escapes = escapes;
    options.on_quit = [this] { ++quits; };
    options.output_capacity = capacity;
    auto made = backend::make_stdio_backend(std::move(options));
    EXPECT_TRUE(made.has_value()) << made.error().message;
    // The back end has descriptors of its own; the test keeps only its ends.
    input.read_end.reset();
    output.write_end.reset();
    return std::move(*made);
  }

  Pipe input;
  Pipe output;
  std::atomic<int> quits{0};
  Collector guest;
};

TEST(CharBackendOutputQueue, BoundedFifoWithWrapAround) {
  backend::OutputQueue queue(8);
  EXPECT_EQ(queue.push(bytes_of("abcde")), 5U);
  EXPECT_EQ(queue.push(bytes_of("fghij")), 3U);  // full: the rest is refused
  EXPECT_EQ(queue.size(), 8U);
  queue.pop(6);
  EXPECT_EQ(queue.push(bytes_of("123")), 3U);  // wraps around the end of the storage
  std::string out;
  while (!queue.empty()) {
    const auto front = queue.front();
    out.append(front.begin(), front.end());
    queue.pop(front.size());
  }
  EXPECT_EQ(out, "gh123");
  backend::OutputQueue tiny(0);
  EXPECT_EQ(tiny.push(bytes_of("ab")), 1U);
}

TEST_F(CharBackendStdio, CarriesBothDirections) {
  auto stdio = make();
  stdio->set_receiver(guest.receiver());
  send_text(input.write_end.get(), "typed");
  EXPECT_TRUE(guest.has("typed"));
  stdio->write(bytes_of("printed"));
  EXPECT_EQ(read_text(output.read_end.get(), 7), "printed");
  EXPECT_TRUE(stdio->connected());
  EXPECT_EQ(stdio->dropped_output(), 0U);
}

TEST_F(CharBackendStdio, InputWaitsForAReceiverAndForRoom) {
  auto stdio = make();
  send_text(input.write_end.get(), "early");
  std::this_thread::sleep_for(20ms);
  guest.allow(2);
  stdio->set_receiver(guest.receiver());  // input held until now is delivered
  EXPECT_TRUE(guest.has("ea"));
  std::this_thread::sleep_for(20ms);
  EXPECT_EQ(guest.text(), "ea");  // the rest is held, not dropped
  guest.allow(100);
  stdio->resume_input();
  EXPECT_TRUE(guest.has("early"));
  guest.allow(~size_t{0});
  const std::string more(3000, 'm');
  send_text(input.write_end.get(), more);
  EXPECT_TRUE(guest.has("early" + more));
}

TEST_F(CharBackendStdio, EndOfInputOnlyStopsInput) {
  auto stdio = make();
  stdio->set_receiver(guest.receiver());
  send_text(input.write_end.get(), "last");
  input.write_end.reset();
  EXPECT_TRUE(guest.has("last"));
  stdio->write(bytes_of("still here"));
  EXPECT_EQ(read_text(output.read_end.get(), 10), "still here");
}

TEST_F(CharBackendStdio, EscapeCommands) {
  auto stdio = make(backend::StdioOptions::Escapes::kOn);
  stdio->set_receiver(guest.receiver());
  send_text(input.write_end.get(),
            "a\x01"
            "xb\x01\x01"
            "c\x01");
  send_text(input.write_end.get(), "\x01");  // a command split across reads
  EXPECT_TRUE(
      guest.has("ab\x01"
                "c\x01"));
  EXPECT_EQ(quits.load(), 1);
  send_text(input.write_end.get(), "\x01h");
  const std::string help = read_text(output.read_end.get(), 20);
  EXPECT_NE(help.find("C-a"), std::string::npos);
  EXPECT_EQ(guest.text(),
            "ab\x01"
            "c\x01");
}

TEST(CharBackendEscapeFilter, UnknownCommandsAreSwallowed) {
  int quits = 0;
  backend::EscapeFilter filter([&] { ++quits; });
  std::vector<uint8_t> guest;
  std::vector<uint8_t> host;
  filter.filter(bytes_of("1\x01q2\x01"), guest, host);
  filter.filter(bytes_of("x3"), guest, host);
  EXPECT_EQ(std::string(guest.begin(), guest.end()), "123");
  EXPECT_TRUE(host.empty());
  EXPECT_EQ(quits, 1);
}

TEST_F(CharBackendStdio, OutputNobodyReadsIsDroppedWithoutBlocking) {
  auto stdio = make(backend::StdioOptions::Escapes::kOff, 256);  // 256 bytes of queue
  const std::string chunk(4096, 'z');
  // 1 MiB into a 64 KiB pipe nobody reads: a write that blocked would never return. The writes
  // run on their own thread so that the test fails (and unblocks them) instead of hanging; the
  // deadline is generous, as this is not a timing test (it used to bound the writes to 1 s,
  // which a loaded host broke).
  std::atomic<bool> written{false};
  std::thread writer([&] {
    for (int i = 0; i < 256; ++i) stdio->write(bytes_of(chunk));
    written = true;
  });
  const bool returned = eventually([&] { return written.load(); }, 30s);
  if (!returned) output.read_end.reset();  // EPIPE ends a blocked write
  writer.join();
  EXPECT_TRUE(returned);
  EXPECT_GT(stdio->dropped_output(), 0U);
  // The reader goes away: the back end sees EPIPE (not a SIGPIPE) at its next write, and drops
  // from then on. (The writes above may have left nothing queued: one more byte makes sure.)
  output.read_end.reset();
  stdio->write(bytes_of("!"));
  EXPECT_TRUE(eventually([&] { return !stdio->connected(); }));
  const uint64_t dropped = stdio->dropped_output();
  stdio->write(bytes_of("gone"));
  EXPECT_EQ(stdio->dropped_output(), dropped + 4);
}

TEST_F(CharBackendStdio, DestructionWritesOutQueuedOutput) {
  auto stdio = make();
  const std::string text(10'000, 'q');
  stdio->write(bytes_of(text));
  stdio.reset();
  EXPECT_EQ(read_text(output.read_end.get(), text.size() + 1, 1000ms), text);
}

TEST_F(CharBackendStdio, SetReceiverWaitsForARunningDelivery) {
  auto stdio = make();
  std::atomic<bool> inside{false};
  std::atomic<bool> done{false};
  stdio->set_receiver([&](std::span<const uint8_t> bytes) {
    inside = true;
    std::this_thread::sleep_for(50ms);
    done = true;
    return bytes.size();
  });
  send_text(input.write_end.get(), "x");
  ASSERT_TRUE(eventually([&] { return inside.load(); }));
  stdio->set_receiver({});
  EXPECT_TRUE(done.load());
}

TEST(CharBackend, UartReadsEverythingThroughFlowControl) {
  const Pipe input;
  const Pipe output;
  backend::StdioOptions options;
  options.input_fd = input.read_end.get();
  options.output_fd = output.write_end.get();
  auto made = backend::make_stdio_backend(std::move(options));
  ASSERT_TRUE(made.has_value());
  auto stdio = std::move(*made);
  RecordingController plic;
  dev::Uart16550 uart(stdio.get(), plic.line(dev::Uart16550::kIrq));
  uart.write(dev::uart::kFcr, 1, dev::uart::kFcrEnable);

  std::string sent;
  for (int i = 0; i < 2000; ++i) sent += static_cast<char>('a' + i % 26);
  send_text(input.write_end.get(), sent);  // far more than the 16-byte FIFO
  std::string received;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (received.size() < sent.size() && std::chrono::steady_clock::now() < deadline) {
    if ((uart.read(dev::uart::kLsr, 1) & dev::uart::kLsrDataReady) != 0) {
      received += static_cast<char>(uart.read(dev::uart::kRbr, 1));
    } else {
      std::this_thread::yield();
    }
  }
  EXPECT_EQ(received, sent);

  for (const char c : std::string("out")) uart.write(dev::uart::kThr, 1, static_cast<uint8_t>(c));
  EXPECT_EQ(read_text(output.read_end.get(), 3), "out");
}

TEST(CharBackend, FileBackendWritesTheFile) {
  const auto path = temp_path("console.log");
  {
    auto made = backend::make_file_backend(path.string());
    ASSERT_TRUE(made.has_value()) << made.error().message;
    (*made)->write(bytes_of("line one\n"));
    (*made)->write(bytes_of("line two\n"));
  }
  const std::ifstream file(path);
  std::stringstream contents;
  contents << file.rdbuf();
  EXPECT_EQ(contents.str(), "line one\nline two\n");
  std::filesystem::remove(path);

  auto bad = backend::make_file_backend("/nonexistent-dir/console.log");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("/nonexistent-dir/console.log"), std::string::npos);
}

TEST(CharBackend, PseudoTerminal) {
  auto made = backend::open_pty_backend();
  ASSERT_TRUE(made.has_value()) << made.error().message;
  CharBackend& pty = *made->backend;
  EXPECT_EQ(made->slave_path.rfind("/dev/pts/", 0), 0U);
  Collector guest;
  pty.set_receiver(guest.receiver());
  EXPECT_FALSE(pty.connected());  // nobody has the slave open yet
  pty.write(bytes_of("lost"));
  EXPECT_EQ(pty.dropped_output(), 4U);

  UniqueFd slave(open(made->slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(slave.valid());
  ASSERT_TRUE(eventually([&] { return pty.connected(); }));
  pty.write(bytes_of("to the terminal"));  // no newline: arrives only if the slave is raw
  EXPECT_EQ(read_text(slave.get(), 15), "to the terminal");
  send_text(slave.get(), "typed");
  EXPECT_TRUE(guest.has("typed"));

  slave.reset();
  EXPECT_TRUE(eventually([&] { return !pty.connected(); }));
  slave.reset(open(made->slave_path.c_str(), O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(eventually([&] { return pty.connected(); }));
  pty.write(bytes_of("again"));
  EXPECT_EQ(read_text(slave.get(), 5), "again");
}

class CharBackendUnixSocket : public ::testing::Test {
 protected:
  UniqueFd connect_client() {
    UniqueFd client(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    EXPECT_EQ(connect(client.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address),
              0);
    return client;
  }
  void TearDown() override { std::filesystem::remove(path); }

  std::string path = temp_path("console.sock").string();
  Collector guest;
};

TEST_F(CharBackendUnixSocket, ServesOneClientAfterAnother) {
  auto made = backend::make_unix_socket_backend(path);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  CharBackend& socket_backend = **made;
  socket_backend.set_receiver(guest.receiver());
  socket_backend.write(bytes_of("nobody"));  // no client yet: dropped
  EXPECT_EQ(socket_backend.dropped_output(), 6U);

  {
    const UniqueFd client = connect_client();
    ASSERT_TRUE(eventually([&] { return socket_backend.connected(); }));
    socket_backend.write(bytes_of("hello"));
    EXPECT_EQ(read_text(client.get(), 5), "hello");
    send_text(client.get(), "first");
    EXPECT_TRUE(guest.has("first"));
  }
  EXPECT_TRUE(eventually([&] { return !socket_backend.connected(); }));
  const UniqueFd second = connect_client();
  ASSERT_TRUE(eventually([&] { return socket_backend.connected(); }));
  send_text(second.get(), "second");
  EXPECT_TRUE(guest.has("firstsecond"));
  socket_backend.write(bytes_of("bye"));
  EXPECT_EQ(read_text(second.get(), 3), "bye");
  made->reset();
  EXPECT_FALSE(std::filesystem::exists(path));  // the socket is removed on destruction
}

TEST_F(CharBackendUnixSocket, ReplacesAStaleSocketButNotOtherFiles) {
  {
    const UniqueFd stale(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    ASSERT_EQ(bind(stale.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(backend::make_unix_socket_backend(path).has_value());

  std::ofstream(path) << "precious";
  auto refused = backend::make_unix_socket_backend(path);
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("not a socket"), std::string::npos);
  EXPECT_FALSE(backend::make_unix_socket_backend(std::string(200, 'p')).has_value());
}

TEST(CharBackend, FactoryParsesSpecs) {
  EXPECT_TRUE(backend::make_char_backend("null").has_value());
  const auto path = temp_path("factory.log");
  {
    auto file = backend::make_char_backend("file:" + path.string());
    ASSERT_TRUE(file.has_value()) << file.error().message;
    (*file)->write(bytes_of("x"));
  }
  EXPECT_EQ(std::filesystem::file_size(path), 1U);
  std::filesystem::remove(path);
  const auto socket_path = temp_path("factory.sock");
  EXPECT_TRUE(backend::make_char_backend("unix:" + socket_path.string()).has_value());
  EXPECT_FALSE(std::filesystem::exists(socket_path));
  EXPECT_TRUE(backend::make_char_backend("pty").has_value());

  for (const std::string_view bad : {"", "bogus", "file", "file:", "unix:", "tcp:1234", "STDIO"}) {
    auto made = backend::make_char_backend(bad);
    ASSERT_FALSE(made.has_value()) << bad;
    EXPECT_FALSE(made.error().message.empty());
  }
  EXPECT_NE(backend::make_char_backend("bogus").error().message.find("expected stdio"),
            std::string::npos);
}

TEST(CharBackendTerminalGuard, RawModeAndBack) {
  const UniqueFd master(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(master.valid());
  ASSERT_EQ(grantpt(master.get()), 0);
  ASSERT_EQ(unlockpt(master.get()), 0);
  const UniqueFd terminal(open(ptsname(master.get()), O_RDWR | O_NOCTTY | O_CLOEXEC));
  ASSERT_TRUE(terminal.valid());
  termios before{};
  ASSERT_EQ(tcgetattr(terminal.get(), &before), 0);
  ASSERT_NE(before.c_lflag & ICANON, 0U);
  {
    auto guard = backend::TerminalGuard::enter_raw(terminal.get());
    ASSERT_TRUE(guard.has_value()) << guard.error().message;
    termios raw{};
    tcgetattr(terminal.get(), &raw);
    EXPECT_EQ(raw.c_lflag & (ICANON | ECHO | ISIG), 0U);
    EXPECT_EQ(raw.c_iflag & (ICRNL | IXON), 0U);
    EXPECT_NE(raw.c_oflag & OPOST, 0U);
    EXPECT_FALSE(backend::TerminalGuard::enter_raw(terminal.get()).has_value());  // one at a time
  }
  termios after{};
  tcgetattr(terminal.get(), &after);
  EXPECT_EQ(after.c_lflag, before.c_lflag);
  EXPECT_EQ(after.c_iflag, before.c_iflag);
  EXPECT_FALSE(backend::TerminalGuard::enter_raw(-1).has_value());
}

}  // namespace
}  // namespace strata::test
