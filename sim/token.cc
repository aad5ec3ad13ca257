// The replay token codec. Text form: "pc<version>.<payload>.<checksum>", where payload is
// the binary record below in unpadded base64url (letters, digits, '-' and '_': safe to
// paste in a terminal and in a shell argument) and checksum is the CRC-32 (IEEE) of
// everything before the last '.', as 8 lowercase hex digits.
//
// Payload, version 1 (varint = LEB128, string = varint length + bytes):
//   varint meta_count, then meta_count x (string key, string value)
//   string strategy; varint run_seed; varint steps; 8 bytes fingerprint (little endian)
//   byte flags (bit 0: has_choices)
//   if has_choices: varint entry_count, then entries. An entry is a varint
//     (value << 4) | (is_timer << 3) | (kind << 1) | repeated
//   where a schedule pick of a timer stores value - kTimerChoiceBase with is_timer set, and
//   `repeated` means a varint (count - 2) follows: the same choice count times in a row.
#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sim/token.h"

namespace sim {
namespace {

constexpr uint32_t kTokenVersion = 1;
// Bounds memory for hostile tokens: explore stores at most 20,000 choices in a token
// (explore::kMaxTokenChoices; longer runs keep only steps and fingerprint), so 2^20 (8 MB
// expanded) is generous, and the stream is counted before anything is expanded.
constexpr size_t kMaxChoices = size_t{1} << 20;
constexpr char kBase64Url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

absl::Status TokenError(absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat("replay token: ", reason));
}

uint32_t Crc32(std::string_view bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kBase64Url[(acc >> bits) & 63]);
    }
  }
  if (bits > 0) out.push_back(kBase64Url[(acc << (6 - bits)) & 63]);
  return out;
}

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

absl::StatusOr<std::string> Base64UrlDecode(std::string_view text) {
  if (text.size() % 4 == 1) return TokenError("payload has an impossible base64url length");
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    const int v = Base64UrlValue(c);
    if (v < 0) return TokenError("payload is not base64url");
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

// Appends the payload's primitive fields.
class PayloadWriter {
 public:
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void String(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void Fixed64(uint64_t v) {
    for (int i = 0; i < 8; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Reads the payload's primitive fields; every read checks bounds and the first failure
// sticks, so a hostile payload can only produce an error.
class PayloadReader {
 public:
  explicit PayloadReader(std::string_view bytes) : bytes_(bytes) {}

  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) return Truncated();
      const auto b = static_cast<uint8_t>(bytes_[pos_++]);
      *v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return Malformed("a varint is longer than 10 bytes");
  }
  bool String(std::string* s) {
    uint64_t size = 0;
    if (!Varint(&size)) return false;
    if (size > bytes_.size() - pos_) return Truncated();
    s->assign(bytes_.substr(pos_, size));
    pos_ += size;
    return true;
  }
  bool Fixed64(uint64_t* v) {
    if (bytes_.size() - pos_ < 8) return Truncated();
    *v = 0;
    for (int i = 0; i < 8; ++i) {
      *v |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[pos_ + i])) << (8 * i);
    }
    pos_ += 8;
    return true;
  }
  bool Byte(uint8_t* b) {
    if (pos_ >= bytes_.size()) return Truncated();
    *b = static_cast<uint8_t>(bytes_[pos_++]);
    return true;
  }
  bool Malformed(absl::string_view why) {
    if (status_.ok()) status_ = TokenError(absl::StrCat("malformed payload: ", why));
    return false;
  }
  bool AtEnd() const { return pos_ == bytes_.size(); }
  const absl::Status& status() const { return status_; }

 private:
  bool Truncated() {
    if (status_.ok()) status_ = TokenError(absl::StrCat("payload truncated at byte ", pos_));
    return false;
  }
  std::string_view bytes_;
  size_t pos_ = 0;
  absl::Status status_;
};

// Choice entries: see the format at the top of the file.
void WriteChoices(const std::vector<Choice>& choices, PayloadWriter& w) {
  std::vector<std::pair<Choice, uint64_t>> runs;
  for (const Choice& c : choices) {
    if (!runs.empty() && runs.back().first == c) {
      ++runs.back().second;
    } else {
      runs.push_back({c, 1});
    }
  }
  w.Varint(runs.size());
  for (const auto& [c, count] : runs) {
    const bool timer = c.kind == ChoiceKind::kSchedule && c.value >= kTimerChoiceBase;
    const uint64_t value = timer ? c.value - kTimerChoiceBase : c.value;
    const uint64_t kind = static_cast<uint64_t>(c.kind);
    w.Varint((value << 4) | (uint64_t{timer} << 3) | (kind << 1) | (count > 1 ? 1 : 0));
    if (count > 1) w.Varint(count - 2);
  }
}

bool ReadChoice(PayloadReader& r, Choice* c, uint64_t* count) {
  uint64_t entry = 0;
  if (!r.Varint(&entry)) return false;
  const uint64_t kind = (entry >> 1) & 3;
  const bool timer = ((entry >> 3) & 1) != 0;
  const uint64_t value = entry >> 4;
  if (timer && kind != static_cast<uint64_t>(ChoiceKind::kSchedule)) {
    return r.Malformed("a timer flag on a non-schedule choice");
  }
  const bool schedule = kind == static_cast<uint64_t>(ChoiceKind::kSchedule);
  const uint64_t limit = schedule ? kTimerChoiceBase : uint64_t{1} << 32;
  if (value >= limit) return r.Malformed("a choice value out of range");
  c->kind = static_cast<ChoiceKind>(kind);
  c->value = static_cast<uint32_t>(timer ? value + kTimerChoiceBase : value);
  *count = 1;
  if ((entry & 1) == 0) return true;
  if (!r.Varint(count)) return false;
  if (*count > kMaxChoices) return r.Malformed("too many choices");
  *count += 2;
  return true;
}

// Reads the run-length-coded entries without expanding them, checking the size they claim
// before any memory is committed: at most kMaxChoices in all, and no more schedule picks
// than the token's claimed steps (every step records exactly one).
bool ReadChoiceRuns(PayloadReader& r, uint64_t claimed_steps,
                    std::vector<std::pair<Choice, uint64_t>>* runs) {
  uint64_t entries = 0;
  if (!r.Varint(&entries)) return false;
  uint64_t total = 0, schedule = 0;
  for (uint64_t i = 0; i < entries; ++i) {
    Choice c;
    uint64_t count = 0;
    if (!ReadChoice(r, &c, &count)) return false;
    if (count > kMaxChoices - total) return r.Malformed("too many choices");
    total += count;
    if (c.kind == ChoiceKind::kSchedule) schedule += count;
    if (schedule > claimed_steps) {
      return r.Malformed("more scheduling choices than the steps the token claims");
    }
    runs->push_back({c, count});
  }
  return true;
}

bool ReadChoices(PayloadReader& r, uint64_t claimed_steps, std::vector<Choice>* choices) {
  std::vector<std::pair<Choice, uint64_t>> runs;
  if (!ReadChoiceRuns(r, claimed_steps, &runs)) return false;
  uint64_t total = 0;
  for (const auto& [c, count] : runs) total += count;
  choices->reserve(total);
  for (const auto& [c, count] : runs) choices->insert(choices->end(), count, c);
  return true;
}

}  // namespace

// Exposed (undeclared in headers) so the codec's fuzz test can forge checksummed tokens
// around arbitrary payload bytes and reach the payload parser.
namespace token_internal {

std::string Seal(std::string_view payload_bytes) {
  std::string body = absl::StrCat("pc", kTokenVersion, ".", Base64UrlEncode(payload_bytes));
  return absl::StrCat(body, ".", absl::StrFormat("%08x", Crc32(body)));
}

}  // namespace token_internal

namespace {

std::string EncodePayload(const ReplayToken& token) {
  PayloadWriter w;
  w.Varint(token.meta.size());
  for (const auto& [key, value] : token.meta) {
    w.String(key);
    w.String(value);
  }
  w.String(token.strategy);
  w.Varint(token.run_seed);
  w.Varint(token.steps);
  w.Fixed64(token.fingerprint);
  w.Byte(token.has_choices ? 1 : 0);
  if (token.has_choices) WriteChoices(token.choices, w);
  return w.bytes();
}

absl::StatusOr<ReplayToken> DecodePayload(std::string_view bytes) {
  PayloadReader r(bytes);
  ReplayToken token;
  uint64_t meta_count = 0;
  bool ok = r.Varint(&meta_count);
  for (uint64_t i = 0; ok && i < meta_count; ++i) {
    std::string key, value;
    ok = r.String(&key) && r.String(&value);
    if (ok && !token.meta.emplace(std::move(key), std::move(value)).second) {
      ok = r.Malformed("a metadata key appears twice");
    }
  }
  uint8_t flags = 0;
  ok = ok && r.String(&token.strategy) && r.Varint(&token.run_seed) && r.Varint(&token.steps) &&
       r.Fixed64(&token.fingerprint) && r.Byte(&flags);
  if (ok && flags > 1) ok = r.Malformed("unknown flags");
  token.has_choices = flags == 1;
  if (ok && token.has_choices) ok = ReadChoices(r, token.steps, &token.choices);
  if (ok && !r.AtEnd()) ok = r.Malformed("bytes after the last field");
  if (!ok) return r.status();
  return token;
}

// The version number after "pc" and before the first '.'; nullopt if `text` does not
// start that way.
std::optional<uint64_t> ParseVersion(std::string_view text, size_t* dot) {
  if (text.substr(0, 2) != "pc") return std::nullopt;
  uint64_t version = 0;
  size_t i = 2;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && i < 12; ++i) {
    version = version * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  if (i == 2 || i >= text.size() || text[i] != '.') return std::nullopt;
  *dot = i;
  return version;
}

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string_view StripAsciiWhitespace(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t begin = s.find_first_not_of(ws);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(ws) - begin + 1);
}

}  // namespace

std::string EncodeToken(const ReplayToken& token) {
  return token_internal::Seal(EncodePayload(token));
}

absl::StatusOr<ReplayToken> DecodeToken(const std::string& input) {
  const std::string_view text = StripAsciiWhitespace(input);
  size_t first_dot = 0;
  const std::optional<uint64_t> version = ParseVersion(text, &first_dot);
  if (!version) return TokenError("not a poolcheck token (expected prefix 'pc1.')");
  if (*version != kTokenVersion) {
    return TokenError(absl::StrCat("version ", *version,
                                   " is not supported by this build (supports ",
                                   kTokenVersion, ")"));
  }
  const size_t last_dot = text.rfind('.');
  if (last_dot == first_dot) return TokenError("truncated (no checksum after the payload)");
  const std::string_view body = text.substr(0, last_dot);
  const std::string_view checksum = text.substr(last_dot + 1);
  if (checksum.size() != 8 || !IsLowerHex(checksum)) {
    return TokenError("checksum is not 8 lowercase hex digits (truncated or edited?)");
  }
  if (absl::StrFormat("%08x", Crc32(body)) != checksum) {
    return TokenError("checksum mismatch (truncated or edited?)");
  }
  absl::StatusOr<std::string> payload = Base64UrlDecode(body.substr(first_dot + 1));
  if (!payload.ok()) return payload.status();
  return DecodePayload(*payload);
}

}  // namespace sim
