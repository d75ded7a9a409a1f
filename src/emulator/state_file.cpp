#include "emulator/state_file.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

constexpr std::int64_t k_format_version = 1;

json::object route_to_json(const RouteRecord& route) {
  json::array versions;
  for (const auto& v : route.versions) {
    versions.push_back(json::object{
        {"version_id", v.version_id}, {"created_at", v.created_at}, {"elements", v.elements}});
  }
  json::array deployments;
  for (const auto& d : route.deployments) {
    deployments.push_back(json::object{{"deployment_id", d.deployment_id},
                                       {"version_id", d.version_id},
                                       {"created_at", d.created_at}});
  }
  return json::object{{"id", route.id},
                      {"name", route.name},
                      {"created_at", route.created_at},
                      {"modified_at", route.modified_at},
                      {"versions", std::move(versions)},
                      {"deployments", std::move(deployments)}};
}

json::object gateway_to_json(const GatewayRecord& gateway) {
  json::array configs;
  for (const auto& config : gateway.provider_configs) {
    configs.push_back(config.fields);
  }
  json::array routes;
  for (const auto& route : gateway.routes) {
    routes.push_back(route_to_json(route));
  }
  json::array datasets(gateway.datasets.begin(), gateway.datasets.end());
  json::array evaluations(gateway.evaluations.begin(), gateway.evaluations.end());
  return json::object{{"fields", gateway.fields},
                      {"datasets", std::move(datasets)},
                      {"provider_configs", std::move(configs)},
                      {"routes", std::move(routes)},
                      {"evaluations", std::move(evaluations)}};
}

// Decoding uses Boost.JSON's throwing accessors; load_state turns the exception into an
// error at this edge.
std::string text(const json::object& object, std::string_view key) {
  return std::string(object.at(key).as_string());
}

std::vector<json::object> objects(const json::value& value) {
  std::vector<json::object> out;
  for (const auto& item : value.as_array()) {
    out.push_back(item.as_object());
  }
  return out;
}

RouteRecord route_from_json(const json::object& object) {
  RouteRecord route{.id = text(object, "id"),
                    .name = text(object, "name"),
                    .created_at = text(object, "created_at"),
                    .modified_at = text(object, "modified_at")};
  for (const auto& item : object.at("versions").as_array()) {
    const auto& v = item.as_object();
    route.versions.push_back(
        {text(v, "version_id"), text(v, "created_at"), v.at("elements").as_array()});
  }
  for (const auto& item : object.at("deployments").as_array()) {
    const auto& d = item.as_object();
    route.deployments.push_back(
        {text(d, "deployment_id"), text(d, "version_id"), text(d, "created_at")});
  }
  return route;
}

GatewayRecord gateway_from_json(const json::object& object) {
  GatewayRecord gateway{.fields = object.at("fields").as_object(),
                        .datasets = objects(object.at("datasets")),
                        .evaluations = objects(object.at("evaluations"))};
  if (gateway.id().empty()) {
    throw std::runtime_error("a gateway has no id");
  }
  for (auto& fields : objects(object.at("provider_configs"))) {
    gateway.provider_configs.push_back({std::move(fields), std::string()});
  }
  for (const auto& item : object.at("routes").as_array()) {
    gateway.routes.push_back(route_from_json(item.as_object()));
  }
  return gateway;
}

} // namespace

json::value store_to_json(const Store& store) {
  json::object accounts;
  for (const auto& [account_id, account] : store.accounts()) {
    json::array gateways;
    for (const auto& gateway : account.gateways) {
      gateways.push_back(gateway_to_json(gateway));
    }
    json::array topups;
    for (const auto& t : account.topups) {
      topups.push_back(json::object{{"payment_intent_id", t.payment_intent_id},
                                    {"amount", t.amount},
                                    {"created_at", t.created_at}});
    }
    accounts[account_id] = json::object{{"gateways", std::move(gateways)},
                                        {"spending_limit", account.spending_limit},
                                        {"topup_config", account.topup_config},
                                        {"topups", std::move(topups)}};
  }
  return json::object{{"format_version", k_format_version}, {"accounts", std::move(accounts)}};
}

Result<Store> store_from_json(const json::value& document) {
  try {
    const auto& root = document.as_object();
    if (root.at("format_version").to_number<std::int64_t>() != k_format_version) {
      return Error{"unsupported format_version"};
    }
    Store store;
    for (const auto& [account_id, value] : root.at("accounts").as_object()) {
      const auto& object = value.as_object();
      AccountRecord& account = store.account(std::string(account_id));
      for (const auto& gateway : object.at("gateways").as_array()) {
        account.gateways.push_back(gateway_from_json(gateway.as_object()));
      }
      account.spending_limit = object.at("spending_limit");
      account.topup_config = object.at("topup_config");
      for (const auto& item : object.at("topups").as_array()) {
        const auto& t = item.as_object();
        account.topups.push_back({text(t, "payment_intent_id"),
                                  t.at("amount").to_number<std::int64_t>(),
                                  text(t, "created_at")});
      }
    }
    return store;
  } catch (const std::exception& e) {
    return Error{std::string("unexpected structure: ") + e.what()};
  }
}

Result<Store> load_state(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Store{};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{"cannot read state file " + path};
  }
  std::stringstream content;
  content << in.rdbuf();
  boost::system::error_code parse_error;
  const json::value document = json::parse(content.str(), parse_error);
  if (parse_error) {
    return Error{"state file " + path + " is corrupt: " + parse_error.message()};
  }
  auto store = store_from_json(document);
  if (!store) {
    return Error{"state file " + path + " is corrupt: " + store.error().message};
  }
  return store;
}

Status<> save_state(const Store& store, const std::string& path) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  const std::string content = json::serialize(store_to_json(store));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{"cannot write " + temp + ": " + std::strerror(errno)};
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      ::close(fd);
      ::unlink(temp.c_str());
      return Error{"cannot write " + temp + ": " + std::strerror(errno)};
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return Error{"cannot replace " + path + ": " + std::strerror(errno)};
  }
  return Unit{};
}

} // namespace aigw::emulator
