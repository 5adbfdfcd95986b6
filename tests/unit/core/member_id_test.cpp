#include "certintake/core/member_id.hpp"

#include <gtest/gtest.h>

namespace certintake {
namespace {

TEST(IsValidMemberId, AcceptsDigitsLettersAndHyphens) {
  EXPECT_TRUE(IsValidMemberId("123456"));
  EXPECT_TRUE(IsValidMemberId("A-1234"));
}

TEST(IsValidMemberId, RejectsEmptyOverlongAndPunctuatedIds) {
  EXPECT_FALSE(IsValidMemberId(""));
  EXPECT_FALSE(IsValidMemberId(std::string(33, '1')));
  EXPECT_FALSE(IsValidMemberId("12 34"));
  EXPECT_FALSE(IsValidMemberId("12_34"));
  EXPECT_FALSE(IsValidMemberId("-1234"));
  EXPECT_FALSE(IsValidMemberId("../etc"));
}

}  // namespace
}  // namespace certintake
