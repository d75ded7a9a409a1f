#pragma once
// raw_client: the cheapest client of an HTTP/1.1 server this machine can run, as the floor
// under client_bench's figure. It sends the given GETs over up to `connections` keep-alive
// connections from one thread (non-blocking sockets, one epoll set), reads each answer up
// to its Content-Length and throws it away: no TLS, no parsing beyond the header, no
// model. What it costs per request is what the kernel charges any client here for a send,
// a receive and a wake-up (on loopback that includes delivering each request into the
// server's socket and waking its thread).

#include <cstdint>
#include <string>
#include <vector>

namespace aigw::bench {

struct RawRun {
  std::uint64_t requests = 0;
  std::string error; ///< empty on success
};

/// Sends every request text (a complete HTTP/1.1 request) to 127.0.0.1:port, at most
/// `connections` at once, each answered before its connection takes the next one.
RawRun raw_exchange(std::uint16_t port, const std::vector<std::string>& requests,
                    int connections);

} // namespace aigw::bench
