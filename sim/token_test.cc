// Tests of the replay token codec: exact round trips, a terminal-safe compact text form,
// one-line errors for each way a token goes wrong, and fuzzing (edits, truncations, forged
// payloads) that must never crash and never decode an edited token.
#include "sim/token.h"

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gtest/gtest.h"
#include "sim/strategies/prng.h"

namespace sim {
namespace token_internal {
// Defined in token.cc: wraps payload bytes in a correctly checksummed token.
std::string Seal(std::string_view payload_bytes);
}  // namespace token_internal
namespace {

ReplayToken SampleToken() {
  ReplayToken t;
  t.meta = {{"scenario", "issue31480"}, {"pool", "seed-parent"}, {"note", "a=b, c; \"d\""}};
  t.strategy = "pct:depth=3,steps=1200";
  t.run_seed = 0xfedcba9876543210ULL;
  t.steps = 12345;
  t.fingerprint = 0x0123456789abcdefULL;
  t.has_choices = true;
  t.choices = {{ChoiceKind::kSchedule, 0},
               {ChoiceKind::kSchedule, 0},
               {ChoiceKind::kSchedule, 0},
               {ChoiceKind::kSchedule, 7},
               {ChoiceKind::kSchedule, kTimerChoiceBase + 3},
               {ChoiceKind::kSelect, 2},
               {ChoiceKind::kData, 0xFFFFFFFFu},
               {ChoiceKind::kTimer, 1},
               {ChoiceKind::kSchedule, kTimerChoiceBase - 1},
               {ChoiceKind::kSchedule, 0xFFFFFFFFu}};
  return t;
}

void ExpectSame(const ReplayToken& a, const ReplayToken& b) {
  EXPECT_EQ(a.meta, b.meta);
  EXPECT_EQ(a.strategy, b.strategy);
  EXPECT_EQ(a.run_seed, b.run_seed);
  EXPECT_EQ(a.has_choices, b.has_choices);
  EXPECT_EQ(a.choices, b.choices);
  EXPECT_EQ(a.steps, b.steps);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
}

std::string ErrorOf(const std::string& text) {
  absl::StatusOr<ReplayToken> t = DecodeToken(text);
  EXPECT_FALSE(t.ok()) << text;
  if (t.ok()) return "";
  EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(t.status().message());
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  return message;
}

TEST(TokenTest, RoundTripsEveryField) {
  // Shows encode then decode is the identity, including extreme values, timer picks, every
  // choice kind and repeated choices.
  const ReplayToken original = SampleToken();
  absl::StatusOr<ReplayToken> decoded = DecodeToken(EncodeToken(original));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  ExpectSame(*decoded, original);
}

TEST(TokenTest, RoundTripsWithoutChoicesAndWhenEmpty) {
  // Shows the seed-only form and the all-default token both survive a round trip.
  ReplayToken seed_only = SampleToken();
  seed_only.has_choices = false;
  seed_only.choices.clear();
  ExpectSame(*DecodeToken(EncodeToken(seed_only)), seed_only);
  ExpectSame(*DecodeToken(EncodeToken(ReplayToken{})), ReplayToken{});
}

TEST(TokenTest, TextIsVersionedAndSafeToPaste) {
  // Shows the form "pc1.<base64url>.<8 hex>" using only characters a shell leaves alone,
  // and that surrounding whitespace from a paste is ignored.
  const std::string text = EncodeToken(SampleToken());
  ASSERT_EQ(text.rfind("pc1.", 0), 0u) << text;
  for (char c : text) {
    const bool safe = isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
    EXPECT_TRUE(safe) << "unsafe character '" << c << "' in " << text;
  }
  const size_t last_dot = text.rfind('.');
  EXPECT_EQ(text.size() - last_dot - 1, 8u);
  EXPECT_TRUE(DecodeToken("  " + text + "\n").ok());
}

TEST(TokenTest, ChoicesAreCompact) {
  // Shows the encoding is small: 20,000 schedule picks among 8 goroutines take under 1.5
  // characters each, and a 100,000-step yield loop of one goroutine takes under 100.
  ReplayToken mixed;
  mixed.has_choices = true;
  Prng prng(3);
  for (int i = 0; i < 20000; ++i) {
    mixed.choices.push_back({ChoiceKind::kSchedule, static_cast<uint32_t>(prng.Uniform(8))});
  }
  EXPECT_LT(EncodeToken(mixed).size(), 30000u);
  ReplayToken loop;
  loop.has_choices = true;
  loop.steps = 100000;
  loop.choices.assign(100000, Choice{ChoiceKind::kSchedule, 1});
  EXPECT_LT(EncodeToken(loop).size(), 100u);
  ExpectSame(*DecodeToken(EncodeToken(loop)), loop);
}

TEST(TokenTest, ErrorsSayWhatIsWrongInOneLine) {
  // Shows the documented messages: wrong prefix, unsupported version, missing or
  // malformed checksum, checksum mismatch.
  const std::string good = EncodeToken(SampleToken());
  const std::string body = good.substr(0, good.rfind('.'));
  EXPECT_EQ(ErrorOf("hello"),
            "replay token: not a poolcheck token (expected prefix 'pc1.')");
  EXPECT_EQ(ErrorOf("pc7.AAAA.00000000"),
            "replay token: version 7 is not supported by this build (supports 1)");
  EXPECT_EQ(ErrorOf("pc1.AAAA"), "replay token: truncated (no checksum after the payload)");
  EXPECT_NE(ErrorOf(body + ".ABCDEF01").find("not 8 lowercase hex digits"), std::string::npos);
  EXPECT_EQ(ErrorOf(body + ".00000000"),
            "replay token: checksum mismatch (truncated or edited?)");
  EXPECT_EQ(ErrorOf(""), "replay token: not a poolcheck token (expected prefix 'pc1.')");
}

TEST(TokenTest, EverySingleByteEditIsRejected) {
  // Shows CRC-32 plus strict parsing catch every one-byte edit: each position of a real
  // token, changed to each of 8 other bytes (printable and not), fails to decode.
  const std::string good = EncodeToken(SampleToken());
  const std::string replacements = "A0-_.z\x01\xff";
  for (size_t i = 0; i < good.size(); ++i) {
    for (char r : replacements) {
      if (good[i] == r) continue;
      std::string edited = good;
      edited[i] = r;
      ASSERT_FALSE(DecodeToken(edited).ok()) << "edit at " << i << " to " << int(r);
    }
  }
}

TEST(TokenTest, EveryTruncationAndRandomMultiEditIsRejected) {
  // Shows no prefix of a token decodes, nor any of 20,000 tokens with 1 to 4 random
  // byte edits, insertions or deletions (a fixed seed, so the test is deterministic).
  const std::string good = EncodeToken(SampleToken());
  for (size_t n = 0; n < good.size(); ++n) {
    ASSERT_FALSE(DecodeToken(good.substr(0, n)).ok()) << "prefix of length " << n;
  }
  Prng prng(2024);
  for (int trial = 0; trial < 20000; ++trial) {
    std::string edited = good;
    const uint64_t edits = 1 + prng.Uniform(4);
    for (uint64_t e = 0; e < edits; ++e) {
      const size_t at = prng.Uniform(edited.size());
      const char byte = static_cast<char>(prng.Uniform(256));
      switch (prng.Uniform(3)) {
        case 0: edited[at] = byte; break;
        case 1: edited.insert(edited.begin() + at, byte); break;
        default: edited.erase(at, 1); break;
      }
    }
    if (absl::StripAsciiWhitespace(edited) == good) continue;  // a no-op edit
    ASSERT_FALSE(DecodeToken(edited).ok()) << "trial " << trial << ": " << edited;
  }
}

TEST(TokenTest, ForgedPayloadsNeverCrashTheParser) {
  // Shows the payload parser is safe on hostile input behind a valid checksum: 20,000
  // random and mutated payloads either decode or fail with a one-line InvalidArgument;
  // a huge claimed repeat count is refused instead of allocated.
  Prng prng(99);
  const std::string good = EncodeToken(SampleToken());
  int errors = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string payload(prng.Uniform(64), '\0');
    for (char& c : payload) c = static_cast<char>(prng.Uniform(256));
    absl::StatusOr<ReplayToken> t = DecodeToken(token_internal::Seal(payload));
    if (!t.ok()) {
      ++errors;
      EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    }
  }
  EXPECT_GT(errors, 19000);
  // meta 0, strategy "", seed 0, steps 0, fingerprint 0, flags 1, one run repeated 2^60.
  std::string bomb("\x00\x00\x00\x00", 4);
  bomb += std::string(8, '\0') + "\x01\x01\x01" + "\x80\x80\x80\x80\x80\x80\x80\x80\x10";
  const std::string message = ErrorOf(token_internal::Seal(bomb));
  EXPECT_NE(message.find("too many choices"), std::string::npos) << message;
}

// A payload: no metadata, strategy "", seed 0, `steps`, fingerprint 0, choices as given
// (entry count, then entries: each a repeated schedule pick of goroutine 0).
std::string ForgedPayload(uint64_t steps, const std::vector<uint64_t>& repeats) {
  auto varint = [](uint64_t v) {
    std::string out;
    while (v >= 0x80) {
      out.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out.push_back(static_cast<char>(v));
    return out;
  };
  std::string p = varint(0) + varint(0) + varint(0) + varint(steps) + std::string(8, '\0');
  p += "\x01" + varint(repeats.size());
  for (uint64_t r : repeats) p += varint((uint64_t{1} << 4) | 1) + varint(r - 2);
  return p;
}

TEST(TokenTest, HostileRunLengthsAreBoundedBeforeExpanding) {
  // Shows the decoder checks the size a token claims before expanding its run-length-coded
  // choices: a few bytes claiming 2^26 choices (with matching steps) are refused as too
  // many, as are more scheduling picks than the claimed steps; 64 entries of 2^20 - 1
  // choices each are refused by their sum before any is expanded; a legitimate long
  // stream (100,000 picks, steps 100,000) still decodes.
  std::string message = ErrorOf(token_internal::Seal(ForgedPayload(1u << 26, {1u << 26})));
  EXPECT_NE(message.find("too many choices"), std::string::npos) << message;
  message = ErrorOf(token_internal::Seal(ForgedPayload(10, {11})));
  EXPECT_NE(message.find("more scheduling choices than the steps"), std::string::npos) << message;
  message = ErrorOf(token_internal::Seal(
      ForgedPayload(uint64_t{1} << 40, std::vector<uint64_t>(64, (1u << 20) - 1))));
  EXPECT_NE(message.find("too many choices"), std::string::npos) << message;
  absl::StatusOr<ReplayToken> ok = DecodeToken(token_internal::Seal(ForgedPayload(100000, {100000})));
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->choices.size(), 100000u);
}

}  // namespace
}  // namespace sim
