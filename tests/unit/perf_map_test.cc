// --perf-map: the map file perf reads, and the translator's report of each region it emits.
#include "jit/perf_map.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "jit_test_support.h"

namespace strata::test {
namespace {

std::string temp_path(const char* name) {
  return ::testing::TempDir() + name + std::to_string(getpid());
}

bool is_hex(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Whether `line` is "START SIZE strata:hartH:pa=0x8XXXXXXX" (hex, H one digit).
bool in_perf_format(const std::string& line) {
  std::istringstream fields(line);
  std::string start;
  std::string size;
  std::string name;
  std::string rest;
  fields >> start >> size >> name >> rest;
  const std::string prefix = "strata:hart";
  const std::string pa = ":pa=0x";
  return is_hex(start) && is_hex(size) && rest.empty() && name.starts_with(prefix) &&
         name.size() == prefix.size() + 1 + pa.size() + 8 &&
         std::isdigit(name[prefix.size()]) != 0 &&
         name.compare(prefix.size() + 1, pa.size(), pa) == 0 &&
         is_hex(name.substr(prefix.size() + 1 + pa.size()));
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Lines from several threads at once arrive whole, in perf's format: START SIZE NAME, in hex.
TEST(PerfMap, LinesFromManyThreadsArriveWhole) {
  const std::string path = temp_path("perf-map-");
  {
    auto map = jit::PerfMap::create(path);
    ASSERT_TRUE(map) << map.error().message;
    std::vector<std::thread> threads;
    for (unsigned hart = 0; hart < 4; ++hart) {
      threads.emplace_back([&map, hart] {
        for (uint64_t i = 0; i < 100; ++i) {
          (*map)->add(reinterpret_cast<const void*>(0x7f0000000000 + 0x1000 * i), 0x1a0 + i, hart,
                      0x80000000 + 4 * i);
        }
      });
    }
    for (std::thread& t : threads) t.join();
  }
  const std::vector<std::string> lines = lines_of(path);
  ASSERT_EQ(lines.size(), 400U);
  std::set<std::string> distinct;
  for (const std::string& line : lines) {
    EXPECT_TRUE(in_perf_format(line)) << line;
    distinct.insert(line);
  }
  EXPECT_FALSE(in_perf_format("7f00 1a0 strata:hart0:pa=0x8000018"));  // the checker checks
  EXPECT_FALSE(in_perf_format("7f00 1a0 strata:hart0:pa=0x8000018c extra"));
  EXPECT_EQ(distinct.size(), 400U);
  EXPECT_TRUE(distinct.contains("7f0000063000 203 strata:hart2:pa=0x8000018c"));
  std::remove(path.c_str());
}

// The map's path is predictable, so a symbolic link planted there is refused, not followed.
TEST(PerfMap, RefusesASymbolicLink) {
  const std::string target = temp_path("perf-map-target-");
  const std::string link = temp_path("perf-map-link-");
  { std::ofstream(target) << "keep\n"; }
  ASSERT_EQ(symlink(target.c_str(), link.c_str()), 0);
  auto map = jit::PerfMap::create(link);
  ASSERT_FALSE(map);
  EXPECT_NE(map.error().message.find("--perf-map: cannot create"), std::string::npos);
  EXPECT_EQ(lines_of(target), std::vector<std::string>{"keep"});
  std::remove(link.c_str());
  std::remove(target.c_str());
}

// The translator reports every region it emits: the host code (the block's own), its size and
// the guest physical address of its entry.
TEST(PerfMap, TheTranslatorReportsEachRegion) {
  struct Report {
    const void* code;
    size_t bytes;
    uint64_t paddr;
  };
  std::vector<Report> reports;
  exec::EngineOptions options = EngineMachine::translate_at_once();
  options.on_translated = [&reports](const void* code, size_t bytes, uint64_t paddr) {
    reports.push_back({code, bytes, paddr});
  };
  EngineMachine m(exec::EngineKind::kJit, 1, exec::kDefaultJitCacheBytes, 8ULL << 20, options);
  const uint64_t function = kRamBase + 0x2000;  // on another page: a region of its own
  m.place(function, {rv::addi(a0, a0, 1), rv::jalr(zero, ra, 0)});
  m.place(kRamBase, {rv::addi(a5, zero, 10), rv::jal(ra, 0x2000 - 4), rv::addi(a5, a5, -1),
                     rv::bne(a5, zero, -8), rv::jal(zero, 0)});
  m.run(100);
  EXPECT_EQ(m.hart().s.x[a0], 10U);
  ASSERT_GE(reports.size(), 2U);
  bool saw_function = false;
  for (const Report& r : reports) {
    EXPECT_GT(r.bytes, 0U);
    const exec::Block* block = m.engine().code_cache().find(r.paddr);
    ASSERT_NE(block, nullptr) << std::hex << r.paddr;
    EXPECT_EQ(block->host_code, r.code) << std::hex << r.paddr;
    saw_function = saw_function || r.paddr == function;
  }
  EXPECT_TRUE(saw_function);
  EXPECT_EQ(reports.front().paddr, kRamBase);
}

}  // namespace
}  // namespace strata::test
