#pragma once
// The logs list/delete query: which logs match (the documented filters, date range, search)
// and in which order. Internal to the emulator.

#include "emulator/api_error.h"
#include "emulator/http_message.h"
#include "emulator/store.h"

#include <boost/json/array.hpp>

#include <vector>

namespace aigw::emulator {

/// `filters` from the query: the official SDK's dotted form (`filters.key=success&
/// filters.operator=eq&filters.value=true`), the bracket form (`filters[0][key]=...`) or one
/// JSON text. Checked against the reference's filter shape.
ApiResult<boost::json::array> parse_log_filters(const Request& request);

/// The logs of a gateway that match the request's query, in the order it asks for
/// (`order_by`, `order_by_direction` or `direction`; newest first by default). The query
/// must have been checked with check_query first.
ApiResult<std::vector<const LogRecord*>> matching_logs(const GatewayRecord& gateway,
                                                       const Request& request);

} // namespace aigw::emulator
