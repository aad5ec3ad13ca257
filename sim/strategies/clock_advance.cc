// The clock-advance probability of the sampling strategies; see clock_advance.h.
#include "sim/strategies/clock_advance.h"

#include "absl/strings/str_cat.h"

namespace sim {

std::optional<uint64_t> ParsePartsPerMillion(const std::string& text) {
  const size_t dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole != "0" && whole != "1") return std::nullopt;
  if (dot != std::string::npos && (frac.empty() || frac.size() > 6)) return std::nullopt;
  uint64_t ppm = whole == "1" ? ClockAdvanceOdds::kMillion : 0;
  uint64_t scale = ClockAdvanceOdds::kMillion / 10;
  for (char c : frac) {
    if (c < '0' || c > '9') return std::nullopt;
    ppm += static_cast<uint64_t>(c - '0') * scale;
    scale /= 10;
  }
  if (ppm > ClockAdvanceOdds::kMillion) return std::nullopt;
  return ppm;
}

std::string FormatPartsPerMillion(uint64_t ppm) {
  if (ppm % ClockAdvanceOdds::kMillion == 0) return std::to_string(ppm / ClockAdvanceOdds::kMillion);
  std::string frac = std::to_string(ppm % ClockAdvanceOdds::kMillion);
  frac.insert(0, 6 - frac.size(), '0');
  while (frac.back() == '0') frac.pop_back();
  return absl::StrCat(ppm / ClockAdvanceOdds::kMillion, ".", frac);
}

ClockAdvanceOdds ClockAdvanceOdds::Read(ParamReader& params) {
  std::optional<std::string> text = params.Text("advance");
  if (!text) return ClockAdvanceOdds();
  std::optional<uint64_t> ppm = ParsePartsPerMillion(*text);
  if (!ppm) {
    params.Reject("advance", *text, "a probability in [0, 1] with at most 6 decimals");
    return ClockAdvanceOdds();
  }
  return ClockAdvanceOdds(*ppm);
}

std::string ClockAdvanceOdds::Param() const {
  return on() ? absl::StrCat("advance=", FormatPartsPerMillion(ppm_)) : "";
}

std::string ClockAdvanceOdds::AddTo(const std::string& spec) const {
  if (!on()) return spec;
  return absl::StrCat(spec, spec.find(':') == std::string::npos ? ":" : ",", Param());
}

std::optional<size_t> ClockAdvanceOdds::Draw(Prng& prng, SchedulePoint& point) const {
  if (!OffersClockAdvance(point)) return std::nullopt;
  const size_t advance = point.candidates.size() - 1;
  if (prng.Uniform(kMillion) < ppm_) return advance;
  point.candidates = point.candidates.first(advance);
  return std::nullopt;
}

}  // namespace sim
