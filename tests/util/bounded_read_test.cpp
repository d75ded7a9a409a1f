// read_bounded_file reads regular files whole, up to a cap, and refuses what would never
// end (/dev/zero), block (a FIFO) or is not a file (a directory).

#include "util/bounded_read.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace aigw {
namespace {

class BoundedRead : public testing::Test {
protected:
  std::filesystem::path dir;

  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "aigw-bounded-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  std::string write(const std::string& name, const std::string& text) const {
    const auto path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

TEST_F(BoundedRead, ReadsARegularFileWhole) {
  const auto text = read_bounded_file(write("a.yaml", "one\ntwo\n"), 100);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(*text, "one\ntwo\n");
}

TEST_F(BoundedRead, AFileAtTheLimitIsRead) {
  const auto text = read_bounded_file(write("a.yaml", std::string(100, 'x')), 100);
  ASSERT_TRUE(text.ok()) << text.error().message;
  EXPECT_EQ(text->size(), 100U);
}

TEST_F(BoundedRead, AFileOverTheLimitIsRefusedNamingTheLimit) {
  const auto text = read_bounded_file(write("a.yaml", std::string(2049, 'x')), 2048);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "larger than the limit of 2 KiB (2049 bytes)");
}

TEST_F(BoundedRead, DevZeroIsRefusedAsACharacterDevice) {
  const auto text = read_bounded_file("/dev/zero", 1024);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "not a regular file (a character device)");
}

TEST_F(BoundedRead, AFifoIsRefusedWithoutBlocking) {
  const auto path = (dir / "fifo").string();
  ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
  const auto text = read_bounded_file(path, 1024);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "not a regular file (a FIFO)");
}

TEST_F(BoundedRead, ADirectoryIsRefused) {
  const auto text = read_bounded_file(dir.string(), 1024);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "not a regular file (a directory)");
}

TEST_F(BoundedRead, AMissingFileGivesTheSystemsReason) {
  const auto text = read_bounded_file((dir / "missing").string(), 1024);
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "No such file or directory");
}

TEST(ByteSizeText, NamesTheLargestWholeUnit) {
  EXPECT_EQ(byte_size_text(64U * 1024 * 1024), "64 MiB");
  EXPECT_EQ(byte_size_text(16U * 1024 * 1024), "16 MiB");
  EXPECT_EQ(byte_size_text(512U * 1024), "512 KiB");
  EXPECT_EQ(byte_size_text(1000), "1000 bytes");
  EXPECT_EQ(byte_size_text(1), "1 byte");
}

} // namespace
} // namespace aigw
