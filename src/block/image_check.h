// Consistency check of an image (`strata img check`): for qcow2, every cluster's stored refcount
// against the references the tables actually make, and the COPIED flags against the refcounts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/error.h"

namespace strata::block {

struct CheckReport {
  std::string format;
  uint64_t corruptions = 0;  // a refcount too low, a bad flag, a table pointing outside the file
  uint64_t leaks = 0;        // clusters whose refcount is higher than their references
  std::vector<std::string> problems;  // one line each
};

// Fails only when the image cannot be checked at all (unreadable, unparsable header).
[[nodiscard]] Result<CheckReport> check_image(const std::string& path);

}  // namespace strata::block
