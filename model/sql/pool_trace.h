// Pool events: one line per decision the pool makes about a conn ("putConn conn#3 -> free
// list"). The line goes to the run's trace when the run records one; and, when a
// PoolEventSink is installed (coverage, explore/coverage.h), the event's site goes to it
// on every run. A site is the call's literal text with each value replaced by '_'
// ("putConn conn#_ marked bad by full resetterCh"): one name per annotation site.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "sim/goroutine.h"

namespace model::sql {

// Receives every pool event's site, on the goroutine that made it: `site_hash` names the
// site (FNV-1a over its text, cheap to compute on every run), `site` builds its text
// (call it only for a hash not seen before).
class PoolEventSink {
 public:
  virtual ~PoolEventSink() = default;
  virtual void OnPoolEvent(uint64_t site_hash, absl::FunctionRef<std::string()> site) = 0;
};

// The sink for runs on this OS thread (nullptr: none). A run owns its OS thread, so this
// is per run; the caller keeps the sink alive while it is installed.
void SetPoolEventSink(PoolEventSink* sink);
PoolEventSink* CurrentPoolEventSink();

template <size_t N>
void AppendSitePart(std::string& site, const char (&literal)[N]) {
  site.append(literal);
}
template <typename T>
void AppendSitePart(std::string& site, const T&) {
  site.push_back('_');
}

inline constexpr uint64_t kSiteHashSeed = 14695981039346656037ull;
inline void HashSiteChar(uint64_t& hash, char c) {
  hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
template <size_t N>
void HashSitePart(uint64_t& hash, const char (&literal)[N]) {
  for (size_t i = 0; i < N && literal[i] != '\0'; ++i) HashSiteChar(hash, literal[i]);
}
template <typename T>
void HashSitePart(uint64_t& hash, const T&) {
  HashSiteChar(hash, '_');
}

// The hash of PoolEventSite(parts...).
template <typename... Parts>
uint64_t PoolEventSiteHash(const Parts&... parts) {
  uint64_t hash = kSiteHashSeed;
  (HashSitePart(hash, parts), ...);
  return hash;
}

// The site of a TracePool call with these parts.
template <typename... Parts>
std::string PoolEventSite(const Parts&... parts) {
  std::string site;
  (AppendSitePart(site, parts), ...);
  return site;
}

template <typename... Parts>
void TracePool(const Parts&... parts) {
  if (PoolEventSink* sink = CurrentPoolEventSink()) {
    sink->OnPoolEvent(PoolEventSiteHash(parts...), [&] { return PoolEventSite(parts...); });
  }
  if (sim::TracingEnabled()) sim::Annotate("pool", absl::StrCat(parts...));
}

}  // namespace model::sql
