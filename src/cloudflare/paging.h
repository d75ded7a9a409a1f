#pragma once
// Paging: reads one page of a list response and decides whether another page follows,
// from `result_info` (or the `data` object of dynamic routing lists) where present,
// else from a short page.

#include "model/value.h"
#include "util/result.h"

#include <string>

namespace aigw::cloudflare {

/// Lists ask for this many items per page (the API's maximum).
inline constexpr int k_per_page = 100;
/// A server that never stops paging is cut off after this many pages.
inline constexpr int k_max_pages = 1000;

/// One page's items and whether to ask for the next page.
struct Page {
  model::Array items;
  bool more = false;
  /// The number of pages the server reports (total_pages, or total_count over per_page);
  /// 0 when it reports neither. Lets the remaining pages be fetched together.
  int total_pages = 0;
  std::size_t bytes = 0; ///< size of the response body (set by the transport)
};

/// Reads page number `page` (from 1) of a decoded body, taking its items. data_key empty:
/// items are `result`; otherwise items are `data.<data_key>` (dynamic routing).
Result<Page> read_page(model::Value body, const std::string& data_key, int page, int per_page);

} // namespace aigw::cloudflare
