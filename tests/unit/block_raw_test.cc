#include <gtest/gtest.h>

#include "block/image.h"
#include "block/image_create.h"
#include "block/raw_backend.h"
#include "block_test_support.h"

namespace strata::block {
namespace {

using test::pattern;
using test::ScratchDir;

TEST(RawBackend, ReadsWritesAndReportsItsSize) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.raw");
  ASSERT_TRUE(create_image(path, test::raw_options(1 << 20)));
  auto disk = open_image(path, "", Access::kReadWrite);
  ASSERT_TRUE(disk) << disk.error().message;
  EXPECT_EQ((*disk)->format(), "raw");
  EXPECT_EQ((*disk)->size(), 1U << 20);
  const auto data = pattern(10000, 1);
  ASSERT_TRUE((*disk)->write(4096 + 7, data));
  ASSERT_TRUE((*disk)->flush());
  std::vector<uint8_t> back(data.size());
  ASSERT_TRUE((*disk)->read(4096 + 7, back));
  EXPECT_EQ(back, data);
  const auto file = test::read_file(path);
  ASSERT_EQ(file.size(), 1U << 20);
  EXPECT_TRUE(std::equal(data.begin(), data.end(), file.begin() + 4096 + 7));
}

TEST(RawBackend, DiscardAndWriteZeroesReadBackAsZeros) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.raw");
  ASSERT_TRUE(create_image(path, test::raw_options(1 << 20)));
  auto disk = open_image(path, "raw", Access::kReadWrite);
  ASSERT_TRUE(disk);
  ASSERT_TRUE((*disk)->write(0, pattern(1 << 20, 2)));
  ASSERT_TRUE((*disk)->write_zeroes(65536, 65536, ZeroMode::kKeepAllocated));
  ASSERT_TRUE((*disk)->write_zeroes(3 * 65536 + 100, 1000, ZeroMode::kMayUnmap));
  ASSERT_TRUE((*disk)->discard(5 * 65536, 65536));
  std::vector<uint8_t> back(1 << 20);
  ASSERT_TRUE((*disk)->read(0, back));
  const auto original = pattern(1 << 20, 2);
  for (size_t i = 0; i < back.size(); ++i) {
    const bool zeroed = (i >= 65536 && i < 131072) ||
                        (i >= 3 * 65536 + 100 && i < 3 * 65536 + 1100) ||
                        (i >= 5 * 65536 && i < 6 * 65536);
    ASSERT_EQ(back[i], zeroed ? 0 : original[i]) << "byte " << i;
  }
}

TEST(RawBackend, ReadOnlyRejectsWritesWithErofs) {
  const ScratchDir dir;
  const std::string path = dir.file("disk.raw");
  ASSERT_TRUE(create_image(path, test::raw_options(4096)));
  auto disk = open_image(path, "raw", Access::kReadOnly);
  ASSERT_TRUE(disk);
  EXPECT_TRUE((*disk)->read_only());
  const std::vector<uint8_t> data(512, 1);
  auto r = (*disk)->write(0, data);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, EROFS);
  EXPECT_FALSE((*disk)->discard(0, 512));
  EXPECT_TRUE((*disk)->flush());
}

TEST(RawBackend, OpenErrorsNameTheFile) {
  auto missing = open_image("/nonexistent/disk.raw", "raw", Access::kReadOnly);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("/nonexistent/disk.raw"), std::string::npos);
  const ScratchDir dir;
  auto bad = open_image(dir.file("x"), "vmdk", Access::kReadOnly);
  ASSERT_FALSE(bad);
}

TEST(RawBackend, CreateRejectsBadSizes) {
  const ScratchDir dir;
  EXPECT_FALSE(create_image(dir.file("a"), test::raw_options(0)));
  EXPECT_FALSE(create_image(dir.file("b"), test::raw_options(1000)));
  CreateOptions with_backing = test::overlay_options(dir.file("a"));
  with_backing.format = test::raw_options(4096).format;
  with_backing.size = 4096;
  EXPECT_FALSE(create_image(dir.file("c"), with_backing));
}

}  // namespace
}  // namespace strata::block
