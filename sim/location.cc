// Location formatting (see sim/internal/location.h). The project root is derived from
// this file's own compiled path, so no build-system help is needed; paths relative to the
// build directory lose their leading "../" parts.
#include "sim/internal/location.h"

#include <string_view>

#include "absl/strings/str_cat.h"

namespace sim::internal {
namespace {

std::string_view ProjectRoot() {
  static const std::string_view root = [] {
    std::string_view self = std::source_location::current().file_name();
    constexpr std::string_view kSuffix = "sim/location.cc";
    if (self.size() >= kSuffix.size() && self.substr(self.size() - kSuffix.size()) == kSuffix) {
      return self.substr(0, self.size() - kSuffix.size());
    }
    return std::string_view();
  }();
  return root;
}

}  // namespace

std::string FormatLocation(const std::source_location& loc) {
  std::string_view file = loc.file_name();
  if (file.empty()) return std::string();
  const std::string_view root = ProjectRoot();
  if (!root.empty() && file.substr(0, root.size()) == root) file.remove_prefix(root.size());
  // A compiler launcher may have rewritten paths relative to the build directory
  // (ccache's base_dir: "../../sim/chan.cc"), and not for every object alike.
  while (file.starts_with("../") || file.starts_with("./")) file.remove_prefix(file.find('/') + 1);
  return absl::StrCat(std::string(file), ":", loc.line());
}

}  // namespace sim::internal
