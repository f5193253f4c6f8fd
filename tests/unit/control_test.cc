// The control socket: the request/reply protocol on good and hostile lines, the balloon commands
// against a fake balloon, the server over a real Unix socket (pipelining, partial and over-long
// lines, clients that do not read, the client limit), and the `strata ctl` client.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "backend/unique_fd.h"
#include "control/balloon_commands.h"
#include "control/command_table.h"
#include "control/control_client.h"
#include "control/control_server.h"
#include "control/machine_commands.h"

namespace strata::test {
namespace {

using control::CommandTable;
using control::Json;
using namespace std::chrono_literals;

Json handle(const CommandTable& table, std::string_view line) {
  const std::string reply = table.handle_line(line);
  EXPECT_EQ(reply.find('\n'), std::string::npos) << "a reply is one line";
  return Json::parse(reply);
}

std::string error_class(const Json& reply) {
  if (!reply.contains("error")) return "(no error)";
  return reply["error"]["class"].get<std::string>();
}

CommandTable echo_table() {
  CommandTable table;
  table.add("echo", "returns its request",
            [](const Json& request) -> control::CommandResult { return request; });
  table.add("count", "needs an unsigned n", [](const Json& request) -> control::CommandResult {
    const auto n = control::unsigned_argument(request, "n");
    if (!n) return std::unexpected(n.error());
    return Json{{"n", *n}};
  });
  table.add("broken", "assumes a string", [](const Json& request) -> control::CommandResult {
    return Json(request.at("missing").get<std::string>());
  });
  return table;
}

TEST(ControlProtocol, DispatchesAndEchoesTheId) {
  const CommandTable table = echo_table();
  Json reply = handle(table, R"({"execute":"echo","x":[1,2],"id":7})");
  EXPECT_EQ(reply["return"]["x"], Json::array({1, 2}));
  EXPECT_EQ(reply["id"], 7);
  reply = handle(table, R"({"execute":"count","n":42,"id":"a"})");
  EXPECT_EQ(reply["return"]["n"], 42);
  EXPECT_EQ(reply["id"], "a");
  reply = handle(table, R"(  {"execute":"count","n":0}  )");
  EXPECT_EQ(reply["return"]["n"], 0);
  EXPECT_FALSE(reply.contains("id"));
}

TEST(ControlProtocol, HelpListsTheCommands) {
  const CommandTable table = echo_table();
  const Json reply = handle(table, R"({"execute":"help"})");
  for (const char* name : {"echo", "count", "broken", "help"}) {
    EXPECT_TRUE(reply["return"].contains(name)) << name;
  }
}

TEST(ControlProtocol, MalformedJsonIsAParseError) {
  const CommandTable table = echo_table();
  for (const char* line : {"{", R"({"execute":)", "nonsense", R"({"execute":"echo"}})", "\x01\xff",
                           "{\"execute\":\"echo\",\"s\":\"\xc3\x28\"}", "[1,2,"}) {
    const Json reply = handle(table, line);
    EXPECT_EQ(error_class(reply), "ParseError") << line;
    EXPECT_FALSE(reply["error"]["desc"].get<std::string>().empty());
  }
}

TEST(ControlProtocol, WellFormedButWrongRequests) {
  const CommandTable table = echo_table();
  for (const char* line :
       {"[]", "42", "\"echo\"", "null", "{}", R"({"execute":42})", R"({"execute":null})",
        R"({"Execute":"echo"})", R"({"execute":"echo","id":{"nested":[1]}})"}) {
    EXPECT_EQ(error_class(handle(table, line)), "InvalidRequest") << line;
  }
  const Json unknown = handle(table, R"({"execute":"format-disk","id":3})");
  EXPECT_EQ(error_class(unknown), "CommandNotFound");
  EXPECT_EQ(unknown["id"], 3);
  EXPECT_NE(unknown["error"]["desc"].get<std::string>().find("format-disk"), std::string::npos);
  // A long unknown name is quoted cut short.
  const std::string long_name(10000, 'x');
  const std::string reply = table.handle_line(R"({"execute":")" + long_name + R"("})");
  EXPECT_LT(reply.size(), 300U);
}

TEST(ControlProtocol, ArgumentTypesAreChecked) {
  const CommandTable table = echo_table();
  for (const char* line : {R"({"execute":"count"})", R"({"execute":"count","n":-1})",
                           R"({"execute":"count","n":1.5})", R"({"execute":"count","n":"3"})",
                           R"({"execute":"count","n":[3]})", R"({"execute":"count","n":null})",
                           R"({"execute":"count","n":true})", R"({"execute":"count","n":1e3})"}) {
    EXPECT_EQ(error_class(handle(table, line)), "InvalidArgument") << line;
  }
  // A handler that trips over the request's shape fails the request, not the server.
  EXPECT_EQ(error_class(handle(table, R"({"execute":"broken"})")), "InvalidArgument");
}

TEST(ControlProtocol, DeepNestingDoesNotExhaustTheStack) {
  const CommandTable table = echo_table();
  const size_t depth = 100000;
  const std::string deep = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(error_class(handle(table, deep)), "InvalidRequest");
  const std::string in_argument =
      R"({"execute":"count","n":)" + std::string(depth, '[') + std::string(depth, ']') + "}";
  EXPECT_EQ(error_class(handle(table, in_argument)), "InvalidArgument");
  const std::string unbalanced = std::string(depth, '{');
  EXPECT_EQ(error_class(handle(table, unbalanced)), "ParseError");
}

// A balloon that records what it was asked.
class FakeBalloon final : public control::BalloonControl {
 public:
  Result<void> set_target_pages(uint64_t pages) override {
    if (fail_next) return fail("the driver is not ready");
    status_.target_pages = static_cast<uint32_t>(pages);
    return {};
  }
  control::BalloonStatus status() const override { return status_; }
  bool refresh_stats(std::chrono::milliseconds /*timeout*/) override {
    ++refreshes;
    status_.stats = std::vector<control::BalloonStat>{{4, 1000}, {5, 2000}, {77, 3}};
    return true;
  }
  control::BalloonStatus status_ = [] {
    control::BalloonStatus status;
    status.ram_bytes = 256ULL << 20;
    status.actual_pages = 512;
    return status;
  }();
  int refreshes = 0;
  bool fail_next = false;
};

TEST(ControlBalloon, SetsTheTargetInMib) {
  FakeBalloon balloon;
  CommandTable table;
  control::add_balloon_commands(table, &balloon);
  Json reply = handle(table, R"({"execute":"balloon","target_mib":128})");
  EXPECT_EQ(balloon.status_.target_pages, 128U * 256);
  EXPECT_EQ(reply["return"]["target_mib"], 128);
  EXPECT_EQ(reply["return"]["actual_pages"], 512);
  reply = handle(table, R"({"execute":"balloon","target_mib":0})");
  EXPECT_EQ(balloon.status_.target_pages, 0U);
  // More than the RAM, wrong types, a failing device.
  EXPECT_EQ(error_class(handle(table, R"({"execute":"balloon","target_mib":257})")),
            "InvalidArgument");
  EXPECT_EQ(error_class(handle(table, R"({"execute":"balloon","target_mib":-5})")),
            "InvalidArgument");
  EXPECT_EQ(
      error_class(handle(table, R"({"execute":"balloon","target_mib":18446744073709551615})")),
      "InvalidArgument");
  EXPECT_EQ(error_class(handle(table, R"({"execute":"balloon"})")), "InvalidArgument");
  balloon.fail_next = true;
  EXPECT_EQ(error_class(handle(table, R"({"execute":"balloon","target_mib":1})")), "Failed");
  EXPECT_EQ(balloon.status_.target_pages, 0U);
}

TEST(ControlBalloon, QueryReturnsNamedStatistics) {
  FakeBalloon balloon;
  CommandTable table;
  control::add_balloon_commands(table, &balloon);
  Json reply = handle(table, R"({"execute":"query-balloon","refresh_stats":false})");
  EXPECT_EQ(balloon.refreshes, 0);
  EXPECT_TRUE(reply["return"]["stats"].is_null());
  EXPECT_EQ(reply["return"]["ram_mib"], 256);
  reply = handle(table, R"({"execute":"query-balloon"})");
  EXPECT_EQ(balloon.refreshes, 1);
  EXPECT_EQ(reply["return"]["stats"]["free-memory"], 1000);
  EXPECT_EQ(reply["return"]["stats"]["total-memory"], 2000);
  EXPECT_EQ(reply["return"]["stats"]["tag-77"], 3);
  EXPECT_EQ(error_class(handle(table, R"({"execute":"query-balloon","refresh_stats":1})")),
            "InvalidArgument");
}

TEST(ControlBalloon, WithoutABalloonTheCommandsAreUnavailable) {
  CommandTable table;
  control::add_balloon_commands(table, nullptr);
  EXPECT_EQ(error_class(handle(table, R"({"execute":"balloon","target_mib":1})")), "Unavailable");
  EXPECT_EQ(error_class(handle(table, R"({"execute":"query-balloon"})")), "Unavailable");
}

TEST(ControlMachine, ParsesHostMemory) {
  const auto memory = control::parse_host_memory(
      "Name:\tstrata\nVmRSS:\t  123456 kB\nRssAnon:\t 1000 kB\nRssFile:\t 5 kB\n"
      "RssShmem:\t  122451 kB\n");
  EXPECT_EQ(memory.rss_kib, 123456U);
  EXPECT_EQ(memory.rss_anon_kib, 1000U);
  EXPECT_EQ(memory.rss_shmem_kib, 122451U);
  EXPECT_EQ(control::parse_host_memory("nothing").rss_kib, 0U);
}

// The server over a real socket.
class ControlServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("strata-control-" + std::to_string(getpid()) + ".sock"))
                .string();
    auto server = control::ControlServer::create("unix:" + path_, table_);
    ASSERT_TRUE(server) << server.error().message;
    server_ = std::move(*server);
  }
  void TearDown() override {
    server_.reset();
    EXPECT_FALSE(std::filesystem::exists(path_)) << "the socket file is removed";
  }

  backend::UniqueFd raw_connect() const {
    backend::UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path_.data(), path_.size());
    EXPECT_EQ(connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    return fd;
  }
  // Reads until `lines` newlines arrived or the peer closed; returns what came.
  static std::string read_lines(int fd, size_t lines) {
    std::string text;
    timeval timeout{.tv_sec = 5, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    while (static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) < lines) {
      char buffer[4096];
      const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      text.append(buffer, static_cast<size_t>(got));
    }
    return text;
  }
  static void send_all(int fd, std::string_view text) {
    ASSERT_EQ(send(fd, text.data(), text.size(), MSG_NOSIGNAL), static_cast<ssize_t>(text.size()));
  }

  CommandTable table_ = echo_table();
  std::string path_;
  std::unique_ptr<control::ControlServer> server_;
};

TEST_F(ControlServerTest, PipelinedAndSplitRequests) {
  const auto fd = raw_connect();
  send_all(fd.get(),
           "{\"execute\":\"count\",\"n\":1}\n\n{\"execute\":\"count\",\"n\":2}\r\n{\"exe");
  std::this_thread::sleep_for(20ms);
  send_all(fd.get(), "cute\":\"count\",\"n\":3}\n");
  const std::string text = read_lines(fd.get(), 3);
  EXPECT_EQ(text, "{\"return\":{\"n\":1}}\n{\"return\":{\"n\":2}}\n{\"return\":{\"n\":3}}\n");
}

TEST_F(ControlServerTest, LastLineWithoutNewlineAtEndOfInput) {
  const auto fd = raw_connect();
  send_all(fd.get(), R"({"execute":"count","n":9})");
  shutdown(fd.get(), SHUT_WR);
  EXPECT_EQ(read_lines(fd.get(), 2), "{\"return\":{\"n\":9}}\n");  // then the server closes
}

TEST_F(ControlServerTest, OverLongLineIsSkippedAndTheConnectionGoesOn) {
  const auto fd = raw_connect();
  std::thread sender([&fd] {
    const std::string junk(control::ControlServer::kMaxLineBytes * 3, 'x');
    send_all(fd.get(), junk);
    send_all(fd.get(), "\n{\"execute\":\"count\",\"n\":5}\n");
  });
  const std::string text = read_lines(fd.get(), 2);
  sender.join();
  const size_t newline = text.find('\n');
  ASSERT_NE(newline, std::string::npos) << text;
  EXPECT_EQ(error_class(Json::parse(text.substr(0, newline))), "InvalidRequest");
  EXPECT_EQ(text.substr(newline + 1), "{\"return\":{\"n\":5}}\n");
}

TEST_F(ControlServerTest, ClientThatDoesNotReadIsDropped) {
  const auto fd = raw_connect();
  int small = 4096;
  setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  // Every request gets a reply the client never reads; the server gives up on it rather than
  // buffering without bound, and other clients are still served.
  const std::string request = R"({"execute":"echo","pad":")" + std::string(3000, 'p') + "\"}\n";
  bool dropped = false;
  for (int i = 0; i < 4000 && !dropped; ++i) {
    dropped = send(fd.get(), request.data(), request.size(), MSG_NOSIGNAL | MSG_DONTWAIT) < 0 &&
              errno != EAGAIN;
    if (!dropped && errno == EAGAIN) std::this_thread::sleep_for(1ms);
  }
  EXPECT_TRUE(dropped);
  auto client = control::ControlClient::connect(path_);
  ASSERT_TRUE(client);
  const auto reply = client->exchange(R"({"execute":"count","n":1})", 5s);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(*reply, R"({"return":{"n":1}})");
}

TEST_F(ControlServerTest, ManyClientsAreServedUpToTheLimit) {
  std::vector<control::ControlClient> clients;
  for (size_t i = 0; i < control::ControlServer::kMaxClients; ++i) {
    auto client = control::ControlClient::connect(path_);
    ASSERT_TRUE(client);
    clients.push_back(std::move(*client));
  }
  for (size_t i = 0; i < clients.size(); ++i) {
    const auto reply =
        clients[i].exchange(R"({"execute":"count","n":)" + std::to_string(i) + "}", 5s);
    ASSERT_TRUE(reply) << reply.error().message;
    EXPECT_EQ(Json::parse(*reply)["return"]["n"], i);
  }
  // One more waits in the backlog until a client leaves.
  auto extra = control::ControlClient::connect(path_);
  ASSERT_TRUE(extra);
  EXPECT_FALSE(extra->exchange(R"({"execute":"count","n":99})", 100ms));
  clients.pop_back();
  const auto reply = extra->exchange("", 5s);  // the earlier request is answered now
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(*reply, R"({"return":{"n":99}})");
}

TEST_F(ControlServerTest, CtlPrintsRepliesAndReportsErrors) {
  testing::internal::CaptureStdout();
  EXPECT_EQ(control::run_ctl(path_, {R"({"execute":"count","n":4})"}, 5), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "{\"return\":{\"n\":4}}\n");
  testing::internal::CaptureStdout();
  EXPECT_EQ(control::run_ctl("unix:" + path_, {R"({"execute":"count","n":4})", "{bad"}, 5), 1);
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("ParseError"), std::string::npos) << out;
  testing::internal::CaptureStderr();
  EXPECT_EQ(control::run_ctl(path_ + ".missing", {"{}"}, 5), 2);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("cannot connect"), std::string::npos);
}

TEST(ControlServerCreate, RefusesBadSpecsAndNonSockets) {
  const CommandTable table;
  EXPECT_FALSE(control::ControlServer::create("tcp:1234", table));
  EXPECT_FALSE(control::ControlServer::create("unix:", table));
  EXPECT_FALSE(control::ControlServer::create("unix:" + std::string(200, 'a'), table));
  const auto file =
      std::filesystem::temp_directory_path() / ("strata-control-file-" + std::to_string(getpid()));
  { std::ofstream(file) << "keep me"; }
  const auto server = control::ControlServer::create("unix:" + file.string(), table);
  ASSERT_FALSE(server);
  EXPECT_NE(server.error().message.find("not a socket"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(file));
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace strata::test
