#include "model/resource_key.h"

namespace aigw::model {
namespace {

bool needs_quotes(std::string_view segment) {
  return segment.find_first_of("/\"\\") != std::string_view::npos;
}

void append_segment(std::string& out, std::string_view segment) {
  if (!needs_quotes(segment)) {
    out += segment;
    return;
  }
  out += '"';
  for (char c : segment) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  out += '"';
}

std::string join(const std::vector<std::string_view>& segments) {
  std::string out;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) {
      out += '/';
    }
    append_segment(out, segments[i]);
  }
  return out;
}

} // namespace

std::string ResourceKey::address() const {
  std::vector<std::string_view> segments;
  if (!gateway_id.empty()) {
    segments.emplace_back(gateway_id);
  }
  for (const auto& part : parts) {
    segments.emplace_back(part);
  }
  std::string out(resource_kind_name(kind));
  if (!segments.empty()) {
    out += ' ';
    out += join(segments);
  }
  return out;
}

std::string ResourceKey::local() const {
  return join(std::vector<std::string_view>(parts.begin(), parts.end()));
}

std::optional<std::vector<std::string>> parse_key_parts(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) {
    return out;
  }
  std::size_t i = 0;
  while (true) {
    std::string segment;
    if (i < text.size() && text[i] == '"') {
      ++i;
      bool closed = false;
      while (i < text.size()) {
        const char c = text[i++];
        if (c == '"') {
          closed = true;
          break;
        }
        if (c == '\\') {
          if (i == text.size()) {
            return std::nullopt;
          }
          segment += text[i++];
        } else {
          segment += c;
        }
      }
      if (!closed || (i < text.size() && text[i] != '/')) {
        return std::nullopt;
      }
    } else {
      const auto end = std::min(text.find('/', i), text.size());
      segment = std::string(text.substr(i, end - i));
      i = end;
    }
    out.push_back(std::move(segment));
    if (i == text.size()) {
      return out;
    }
    ++i; // the '/'
  }
}

ResourceKey key_of(const Gateway& gateway) { return {ResourceKind::gateway, gateway.id, {}}; }

ResourceKey key_of(const Dataset& dataset) {
  return {ResourceKind::dataset, dataset.gateway_id, {dataset.name}};
}

ResourceKey key_of(const ProviderConfig& config) {
  return {ResourceKind::provider_config, config.gateway_id, {config.provider_slug, config.alias}};
}

ResourceKey key_of(const Route& route) {
  return {ResourceKind::route, route.gateway_id, {route.name}};
}

ResourceKey key_of(const CustomProvider& provider) {
  return {ResourceKind::custom_provider, "", {provider.slug}};
}

ResourceKey key_of(const SpendingLimit& /*limit*/) { return {ResourceKind::spending_limit, "", {}}; }

ResourceKey key_of(const AutoTopup& /*topup*/) { return {ResourceKind::auto_topup, "", {}}; }

} // namespace aigw::model
