#include <gtest/gtest.h>

#include "net/mac_address.h"

namespace strata::net {
namespace {

TEST(NetMacAddress, ParsesAndFormats) {
  const auto mac = parse_mac("52:54:00:Ab:cD:0f");
  ASSERT_TRUE(mac.has_value());
  EXPECT_EQ(*mac, (MacAddress{0x52, 0x54, 0x00, 0xab, 0xcd, 0x0f}));
  EXPECT_EQ(format_mac(*mac), "52:54:00:ab:cd:0f");
}

TEST(NetMacAddress, RejectsMalformedAndMulticast) {
  for (const char* text : {"", "52:54:00:12:34", "52:54:00:12:34:567", "52-54-00-12-34-56",
                           "52:54:00:12:34:5g", "52:54:00:12:34:+5", "52:54:00:12:34:56:"}) {
    EXPECT_FALSE(parse_mac(text).has_value()) << text;
  }
  const auto multicast = parse_mac("01:00:5e:00:00:01");
  ASSERT_FALSE(multicast.has_value());
  EXPECT_NE(multicast.error().message.find("multicast"), std::string::npos);
}

TEST(NetMacAddress, DerivedAddressesAreStableLocalAndDistinct) {
  const MacAddress a = derive_mac("switch:/tmp/sw.sock#0 vm-a");
  EXPECT_EQ(a, derive_mac("switch:/tmp/sw.sock#0 vm-a"));
  EXPECT_EQ(a[0], 0x52);
  EXPECT_EQ(a[1], 0x54);
  EXPECT_EQ(a[2], 0x00);
  EXPECT_FALSE(is_multicast(a));
  EXPECT_NE(a, derive_mac("switch:/tmp/sw.sock#0 vm-b"));
  EXPECT_NE(a, derive_mac("switch:/tmp/sw.sock#1 vm-a"));
}

}  // namespace
}  // namespace strata::net
