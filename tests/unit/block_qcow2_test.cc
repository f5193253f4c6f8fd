#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <random>

#include <gtest/gtest.h>

#include "block/image.h"
#include "block/image_check.h"
#include "block/image_create.h"
#include "block/qcow2_backend.h"
#include "block_test_support.h"

namespace strata::block {
namespace {

using test::pattern;
using test::ScratchDir;

std::unique_ptr<BlockBackend> open_rw(const std::string& path) {
  auto disk = open_image(path, "", Access::kReadWrite);
  if (!disk) ADD_FAILURE() << disk.error().message;
  return disk ? std::move(*disk) : nullptr;
}

void expect_clean(const std::string& path) {
  auto report = check_image(path);
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->corruptions, 0U);
  EXPECT_EQ(report->leaks, 0U);
  for (const auto& line : report->problems) ADD_FAILURE() << line;
  if (test::have_qemu_img()) {
    EXPECT_EQ(test::qemu_img_check(path), 0) << path;
  }
}

void expect_contents(BlockBackend& disk, const std::vector<uint8_t>& model) {
  std::vector<uint8_t> back(model.size());
  ASSERT_TRUE(disk.read(0, back));
  for (size_t i = 0; i < back.size(); ++i) {
    ASSERT_EQ(back[i], model[i]) << "byte " << i;
  }
}

// Random writes (unaligned, spanning clusters), zeroing and discards, checked against a flat
// model after every read. `discarded` is what a discarded cluster reads as.
void exercise(BlockBackend& disk, std::vector<uint8_t>& model,
              const std::vector<uint8_t>& discarded, uint64_t cluster, uint32_t seed,
              int operations) {
  std::mt19937_64 rng(seed);
  const uint64_t size = model.size();
  for (int op = 0; op < operations; ++op) {
    const uint64_t offset = rng() % size;
    const uint64_t length = std::min<uint64_t>(1 + rng() % (3 * cluster), size - offset);
    switch (rng() % 8) {
      case 0: {
        ASSERT_TRUE(disk.write_zeroes(offset, length,
                                      rng() % 2 ? ZeroMode::kMayUnmap : ZeroMode::kKeepAllocated));
        std::fill_n(model.begin() + static_cast<long>(offset), length, 0);
        break;
      }
      case 1: {
        const uint64_t first = (offset + cluster - 1) / cluster * cluster;
        const uint64_t end = (offset + length) / cluster * cluster;
        ASSERT_TRUE(disk.discard(offset, length));
        for (uint64_t i = first; i < end; ++i) model[i] = discarded[i];
        break;
      }
      case 2: {
        std::vector<uint8_t> back(length);
        ASSERT_TRUE(disk.read(offset, back));
        ASSERT_TRUE(std::equal(back.begin(), back.end(), model.begin() + static_cast<long>(offset)))
            << "read at " << offset << " length " << length << " op " << op;
        break;
      }
      case 3: ASSERT_TRUE(disk.flush()); break;
      default: {
        const auto data = pattern(length, static_cast<uint32_t>(rng()));
        ASSERT_TRUE(disk.write(offset, data));
        std::copy(data.begin(), data.end(), model.begin() + static_cast<long>(offset));
      }
    }
  }
}

struct Geometry {
  uint32_t version;
  uint32_t cluster_bits;
};

class Qcow2Random : public testing::TestWithParam<Geometry> {};

TEST_P(Qcow2Random, MatchesAFlatModelAndStaysConsistent) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  const uint64_t size = 8 << 20;
  ASSERT_TRUE(
      create_image(path, test::qcow2_options(size, GetParam().version, GetParam().cluster_bits)));
  std::vector<uint8_t> model(size, 0);
  const std::vector<uint8_t> zeros(size, 0);
  const uint64_t cluster = 1ULL << GetParam().cluster_bits;
  {
    auto disk = open_rw(path);
    ASSERT_TRUE(disk);
    exercise(*disk, model, zeros, cluster, 42, 400);
    expect_contents(*disk, model);
  }
  expect_clean(path);
  {
    auto disk = open_rw(path);
    ASSERT_TRUE(disk);
    expect_contents(*disk, model);
    exercise(*disk, model, zeros, cluster, 7, 200);
  }
  expect_clean(path);
  auto disk = open_image(path, "qcow2", Access::kReadOnly);
  ASSERT_TRUE(disk);
  expect_contents(**disk, model);
  if (test::have_qemu_img()) {
    const std::string raw = dir.file("converted.raw");
    ASSERT_EQ(test::run_command(fmt::format("qemu-img convert -O raw '{}' '{}'", path, raw)), 0);
    EXPECT_EQ(test::read_file(raw), model);
  }
}

// 512-byte clusters make the refcount table grow (64 entries of 256 clusters cover 8 MiB).
INSTANTIATE_TEST_SUITE_P(Geometries, Qcow2Random,
                         testing::Values(Geometry{3, 16}, Geometry{2, 16}, Geometry{3, 9},
                                         Geometry{2, 12}),
                         [](const auto& info) {
                           return fmt::format("v{}_cluster{}", info.param.version,
                                              1U << info.param.cluster_bits);
                         });

TEST(Qcow2, RefcountTableGrowsWhenTheImageOutgrowsIt) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  const uint64_t size = 32 << 20;
  ASSERT_TRUE(create_image(path, test::qcow2_options(size, 3, 9)));
  const auto data = pattern(size, 3);
  {
    auto disk = open_rw(path);
    ASSERT_TRUE(disk);
    ASSERT_TRUE(disk->write(0, data));
  }
  expect_clean(path);
  auto disk = open_rw(path);
  expect_contents(*disk, data);
}

TEST(Qcow2, OverlayCopiesOnWriteAndLeavesTheBaseUntouched) {
  const ScratchDir dir;
  const uint64_t size = 4 << 20;
  const std::string base = dir.file("base.raw");
  ASSERT_TRUE(create_image(base, test::raw_options(size)));
  const auto base_data = pattern(size, 9);
  {
    auto disk = open_rw(base);
    ASSERT_TRUE(disk->write(0, base_data));
  }
  // A relative backing name, resolved against the overlay's directory (not the cwd).
  const std::string overlay = dir.file("overlay.qcow2");
  ASSERT_TRUE(create_image(overlay, test::overlay_options("base.raw")));
  std::vector<uint8_t> model = base_data;
  {
    auto disk = open_rw(overlay);
    ASSERT_TRUE(disk);
    EXPECT_EQ(disk->size(), size);
    expect_contents(*disk, model);
    exercise(*disk, model, std::vector<uint8_t>(size, 0), 65536, 11, 300);  // v3: zero flag
  }
  EXPECT_EQ(test::read_file(base), base_data);
  expect_clean(overlay);
  auto disk = open_rw(overlay);
  expect_contents(*disk, model);
}

TEST(Qcow2, DiscardOverABackingImageReadsZerosInVersion3AndTheBaseInVersion2) {
  const ScratchDir dir;
  const std::string base = dir.file("base.qcow2");
  ASSERT_TRUE(create_image(base, test::qcow2_options(1 << 20)));
  const auto base_data = pattern(1 << 20, 5);
  open_rw(base)->write(0, base_data).value();
  for (const uint32_t version : {2U, 3U}) {
    const std::string overlay = dir.file(fmt::format("v{}.qcow2", version));
    ASSERT_TRUE(create_image(overlay, test::overlay_options(base, "qcow2", version)));
    {
      auto disk = open_rw(overlay);
      ASSERT_TRUE(disk->write(0, pattern(1 << 20, 6)));
      ASSERT_TRUE(disk->discard(0, 1 << 19));
      ASSERT_TRUE(disk->write_zeroes(1 << 19, 1 << 18, ZeroMode::kMayUnmap));
      std::vector<uint8_t> back(1 << 19);
      ASSERT_TRUE(disk->read(0, back));
      const std::vector<uint8_t> expected =
          version == 3 ? std::vector<uint8_t>(1 << 19, 0)
                       : std::vector<uint8_t>(base_data.begin(), base_data.begin() + (1 << 19));
      EXPECT_EQ(back, expected) << "version " << version;
      std::vector<uint8_t> zeroed(1 << 18);
      ASSERT_TRUE(disk->read(1 << 19, zeroed));
      EXPECT_EQ(zeroed, std::vector<uint8_t>(1 << 18, 0)) << "version " << version;
    }
    expect_clean(overlay);
  }
}

TEST(Qcow2, CreateRefusesAnImageAsItsOwnBacking) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  ASSERT_TRUE(create_image(path, test::qcow2_options(1 << 20)));
  open_rw(path)->write(0, pattern(4096, 1)).value();
  EXPECT_FALSE(create_image(path, test::overlay_options("disk.qcow2")));
  auto disk = open_rw(path);
  std::vector<uint8_t> back(4096);
  ASSERT_TRUE(disk->read(0, back));
  EXPECT_EQ(back, pattern(4096, 1));
}

TEST(Qcow2, WriteZeroesUsesTheZeroFlagWithoutGrowingTheFile) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  ASSERT_TRUE(create_image(path, test::qcow2_options(64 << 20)));
  const uint64_t before = test::read_file(path).size();
  {
    auto disk = open_rw(path);
    ASSERT_TRUE(disk->write_zeroes(0, 64 << 20, ZeroMode::kMayUnmap));
  }
  EXPECT_EQ(test::read_file(path).size(), before);
  expect_clean(path);
}

TEST(Qcow2, ReadOnlyImagesRejectWrites) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  ASSERT_TRUE(create_image(path, test::qcow2_options(1 << 20)));
  auto disk = open_image(path, "qcow2", Access::kReadOnly);
  ASSERT_TRUE(disk);
  auto r = (*disk)->write(0, pattern(512, 1));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, EROFS);
  EXPECT_FALSE((*disk)->write_zeroes(0, 65536, ZeroMode::kMayUnmap));
}

TEST(Qcow2, CheckReportsLeaksAndCorruption) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  ASSERT_TRUE(create_image(path, test::qcow2_options(1 << 20)));
  open_rw(path)->write(0, pattern(65536, 1)).value();
  expect_clean(path);
  // Refcount block at cluster 2 (header, refcount table, block, L1, then L2 and data): raise the
  // refcount of a free cluster (a leak), then lower that of the data cluster (a corruption).
  auto image = HostFile::open(path, Access::kReadWrite);
  ASSERT_TRUE(image);
  const uint8_t leak[2] = {0, 1};
  ASSERT_TRUE(image->write(2 * 65536 + 2 * 10, leak));
  auto report = check_image(path);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->leaks, 1U);
  EXPECT_EQ(report->corruptions, 0U);
  const uint8_t zero[2] = {0, 0};
  ASSERT_TRUE(image->write(2 * 65536 + 2 * 5, zero));
  report = check_image(path);
  ASSERT_TRUE(report);
  EXPECT_GE(report->corruptions, 1U);
  if (test::have_qemu_img()) {
    EXPECT_EQ(test::qemu_img_check(path), 2);
  }
}

// The host runs out of space (RLIMIT_FSIZE in a child process stands in for a full disk): the
// requests that need space fail with an I/O error, the others keep working, and the image stays
// consistent with nothing leaked.
TEST(Qcow2, HostDiskFullFailsRequestsAndKeepsTheImageConsistent) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.qcow2");
  ASSERT_TRUE(create_image(path, test::qcow2_options(16 << 20)));
  const auto early = pattern(65536 * 3, 4);
  open_rw(path)->write(0, early).value();
  const uint64_t limit = test::read_file(path).size() + 5 * 65536 + 1000;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::signal(SIGXFSZ, SIG_IGN);
    const rlimit rl{limit, limit};
    setrlimit(RLIMIT_FSIZE, &rl);
    int status = 0;
    {
      auto disk = open_image(path, "", Access::kReadWrite);
      if (!disk) _exit(10);
      int failures = 0;
      for (uint64_t offset = 4 << 20; offset < (12 << 20); offset += 65536) {
        auto r = (*disk)->write(offset, pattern(65536, static_cast<uint32_t>(offset)));
        if (!r) {
          ++failures;
          if (r.error().code != EFBIG && r.error().code != ENOSPC) status = 11;
        }
        if (!(*disk)->flush() && failures == 0) status = 12;
      }
      if (failures == 0) status = 13;
      // Space that exists keeps working.
      if (!(*disk)->write(0, pattern(65536, 77))) status = 14;
      if (!(*disk)->flush()) status = 15;
    }
    _exit(status);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  ASSERT_EQ(WEXITSTATUS(status), 0);
  expect_clean(path);
  auto disk = open_rw(path);
  std::vector<uint8_t> back(65536);
  ASSERT_TRUE(disk->read(0, back));
  EXPECT_EQ(back, pattern(65536, 77));
  ASSERT_TRUE(disk->read(65536, back));
  EXPECT_TRUE(std::equal(back.begin(), back.end(), early.begin() + 65536));
}

}  // namespace
}  // namespace strata::block
