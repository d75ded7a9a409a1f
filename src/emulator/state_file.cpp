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

// 2 added logs and the journal id; version 1 files still load.
constexpr std::int64_t k_format_version = 2;

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

json::object log_to_json(const LogRecord& log) {
  return json::object{{"fields", log.fields},
                      {"created_ms", log.created_ms},
                      {"request", log.request},
                      {"response", log.response}};
}

json::object topup_to_json(const TopupRecord& t) {
  return json::object{
      {"payment_intent_id", t.payment_intent_id}, {"amount", t.amount}, {"created_at", t.created_at}};
}

json::object billing_to_json(const AccountRecord& account) {
  return json::object{{"spending_limit", account.spending_limit},
                      {"topup_config", account.topup_config}};
}

template <class T, class Convert> json::array array_of(const OrderedIndex<T>& items, Convert convert) {
  json::array out;
  for (const auto& item : items) {
    out.push_back(convert(item));
  }
  return out;
}

json::object gateway_to_json(const GatewayRecord& gateway) {
  const auto same = [](const json::object& o) { return o; };
  return json::object{
      {"fields", gateway.fields},
      {"datasets", array_of(gateway.datasets, same)},
      {"provider_configs",
       array_of(gateway.provider_configs, [](const ProviderConfigRecord& c) { return c.fields; })},
      {"routes", array_of(gateway.routes, route_to_json)},
      {"evaluations", array_of(gateway.evaluations, same)},
      {"logs", array_of(gateway.logs, log_to_json)}};
}

// Decoding uses Boost.JSON's throwing accessors; the public functions turn the exception
// into an error at this edge.
std::string text(const json::object& object, std::string_view key) {
  return std::string(object.at(key).as_string());
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

LogRecord log_from_json(const json::object& object) {
  return LogRecord{object.at("fields").as_object(), object.at("created_ms").to_number<std::int64_t>(),
                   object.at("request"), object.at("response")};
}

TopupRecord topup_from_json(const json::object& t) {
  return {text(t, "payment_intent_id"), t.at("amount").to_number<std::int64_t>(),
          text(t, "created_at")};
}

GatewayRecord gateway_from_json(const json::object& object) {
  GatewayRecord gateway{.fields = object.at("fields").as_object()};
  if (gateway.id().empty()) {
    throw std::runtime_error("a gateway has no id");
  }
  for (const auto& item : object.at("datasets").as_array()) {
    gateway.datasets.put(text(item.as_object(), "id"), item.as_object());
  }
  for (const auto& item : object.at("evaluations").as_array()) {
    gateway.evaluations.put(text(item.as_object(), "id"), item.as_object());
  }
  for (const auto& item : object.at("provider_configs").as_array()) {
    gateway.provider_configs.put(text(item.as_object(), "id"), {item.as_object(), std::string()});
  }
  for (const auto& item : object.at("routes").as_array()) {
    RouteRecord route = route_from_json(item.as_object());
    const std::string id = route.id;
    gateway.routes.put(id, std::move(route));
  }
  if (const auto* logs = object.if_contains("logs")) {
    for (const auto& item : logs->as_array()) {
      LogRecord log = log_from_json(item.as_object());
      const std::string id = text(log.fields, "id");
      gateway.logs.put(id, std::move(log));
    }
  }
  return gateway;
}

std::string_view kind_name(Change::Kind kind) {
  switch (kind) {
  case Change::Kind::gateway: return "gateway";
  case Change::Kind::dataset: return "dataset";
  case Change::Kind::provider_config: return "provider_config";
  case Change::Kind::route: return "route";
  case Change::Kind::evaluation: return "evaluation";
  case Change::Kind::log: return "log";
  case Change::Kind::billing: return "billing";
  case Change::Kind::topup: return "topup";
  case Change::Kind::custom_provider: return "custom_provider";
  }
  return "";
}

// The changed object's current value, or null when it no longer exists.
json::value current_value(const Store& store, const Change& change) {
  const auto account_it = store.accounts().find(change.account_id);
  if (account_it == store.accounts().end()) {
    return nullptr;
  }
  const AccountRecord& account = account_it->second;
  if (change.kind == Change::Kind::billing) {
    return billing_to_json(account);
  }
  if (change.kind == Change::Kind::custom_provider) {
    const auto* provider = account.custom_providers.find(change.id);
    return provider == nullptr ? json::value(nullptr) : json::value(*provider);
  }
  if (change.kind == Change::Kind::topup) {
    const auto* topup = account.topups.find(change.id);
    return topup == nullptr ? json::value(nullptr) : json::value(topup_to_json(*topup));
  }
  const GatewayRecord* gateway = account.gateways.find(change.gateway_id);
  if (gateway == nullptr) {
    return nullptr;
  }
  const auto or_null = [](const auto* item, auto convert) {
    return item == nullptr ? json::value(nullptr) : json::value(convert(*item));
  };
  const auto same = [](const json::object& o) { return o; };
  switch (change.kind) {
  case Change::Kind::gateway: return gateway->fields; // children travel as their own records
  case Change::Kind::dataset: return or_null(gateway->datasets.find(change.id), same);
  case Change::Kind::evaluation: return or_null(gateway->evaluations.find(change.id), same);
  case Change::Kind::provider_config:
    return or_null(gateway->provider_configs.find(change.id),
                   [](const ProviderConfigRecord& c) { return c.fields; });
  case Change::Kind::route: return or_null(gateway->routes.find(change.id), route_to_json);
  case Change::Kind::log: return or_null(gateway->logs.find(change.id), log_to_json);
  default: return nullptr;
  }
}

void apply_gateway_child(GatewayRecord& gateway, std::string_view kind, const std::string& id,
                         const json::value& value) {
  const bool gone = value.is_null();
  if (kind == "dataset") {
    gone ? (void)gateway.datasets.erase(id) : (void)gateway.datasets.put(id, value.as_object());
  } else if (kind == "evaluation") {
    gone ? (void)gateway.evaluations.erase(id) : (void)gateway.evaluations.put(id, value.as_object());
  } else if (kind == "provider_config") {
    gone ? (void)gateway.provider_configs.erase(id)
         : (void)gateway.provider_configs.put(id, {value.as_object(), std::string()});
  } else if (kind == "route") {
    gone ? (void)gateway.routes.erase(id)
         : (void)gateway.routes.put(id, route_from_json(value.as_object()));
  } else if (kind == "log") {
    gone ? (void)gateway.logs.erase(id) : (void)gateway.logs.put(id, log_from_json(value.as_object()));
  } else {
    throw std::runtime_error("unknown record kind '" + std::string(kind) + "'");
  }
}

void apply_record(Store& store, const json::object& record) {
  const std::string kind = text(record, "k");
  const std::string account_id = text(record, "a");
  const std::string gateway_id = text(record, "g");
  const std::string id = text(record, "i");
  const json::value& value = record.at("v");
  AccountRecord& account = store.account(account_id);
  if (kind == "billing") {
    account.spending_limit = value.as_object().at("spending_limit");
    account.topup_config = value.as_object().at("topup_config");
    return;
  }
  if (kind == "custom_provider") {
    value.is_null() ? (void)account.custom_providers.erase(id)
                    : (void)account.custom_providers.put(id, value.as_object());
    return;
  }
  if (kind == "topup") {
    value.is_null() ? (void)account.topups.erase(id)
                    : (void)account.topups.put(id, topup_from_json(value.as_object()));
    return;
  }
  if (kind == "gateway") {
    if (value.is_null()) {
      account.gateways.erase(gateway_id);
    } else if (GatewayRecord* existing = account.gateways.find(gateway_id)) {
      existing->fields = value.as_object();
    } else {
      account.gateways.put(gateway_id, GatewayRecord{.fields = value.as_object()});
    }
    return;
  }
  GatewayRecord* gateway = account.gateways.find(gateway_id);
  if (gateway == nullptr) {
    // The gateway was deleted later in the journal's own history; its children went with it.
    if (value.is_null()) {
      return;
    }
    throw std::runtime_error("a " + kind + " record names a missing gateway '" + gateway_id + "'");
  }
  apply_gateway_child(*gateway, kind, id, value);
}

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error{"cannot read " + path};
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// Replays `path.journal` when its header names `journal_id`.
Status<> replay_journal(Store& store, const std::string& path, const std::string& journal_id) {
  const std::string journal_path = path + ".journal";
  std::error_code ec;
  if (journal_id.empty() || !std::filesystem::exists(journal_path, ec)) {
    return Unit{};
  }
  auto content = read_file(journal_path);
  if (!content) {
    return content.error();
  }
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < content->size()) {
    const std::size_t end = content->find('\n', start);
    if (end == std::string::npos) {
      break; // a torn last line: the write it belonged to was never acknowledged
    }
    const std::string_view line = std::string_view(*content).substr(start, end - start);
    start = end + 1;
    ++line_number;
    boost::system::error_code parse_error;
    const json::value parsed = json::parse(line, parse_error);
    if (parse_error || !parsed.is_object()) {
      return Error{"journal " + journal_path + " is corrupt at line " + std::to_string(line_number)};
    }
    const auto& record = parsed.as_object();
    if (line_number == 1) {
      const auto* header = record.if_contains("journal");
      if (header == nullptr || !header->is_string() || header->as_string() != journal_id) {
        return Unit{}; // an older journal, already folded into the snapshot
      }
      continue;
    }
    try {
      apply_record(store, record);
    } catch (const std::exception& e) {
      return Error{"journal " + journal_path + " is corrupt at line " + std::to_string(line_number) +
                   ": " + e.what()};
    }
  }
  return Unit{};
}

} // namespace

json::value store_to_json(const Store& store, const std::string& journal_id) {
  json::object accounts;
  for (const auto& [account_id, account] : store.accounts()) {
    accounts[account_id] =
        json::object{{"gateways", array_of(account.gateways, gateway_to_json)},
                     {"spending_limit", account.spending_limit},
                     {"topup_config", account.topup_config},
                     {"topups", array_of(account.topups, topup_to_json)},
                     {"custom_providers", array_of(account.custom_providers,
                                                   [](const json::object& o) { return o; })}};
  }
  return json::object{{"format_version", k_format_version},
                      {"journal", journal_id},
                      {"accounts", std::move(accounts)}};
}

Result<Store> store_from_json(const json::value& document) {
  try {
    const auto& root = document.as_object();
    const auto version = root.at("format_version").to_number<std::int64_t>();
    if (version != 1 && version != k_format_version) {
      return Error{"unsupported format_version"};
    }
    Store store;
    for (const auto& [account_id, value] : root.at("accounts").as_object()) {
      const auto& object = value.as_object();
      AccountRecord& account = store.account(std::string(account_id));
      for (const auto& item : object.at("gateways").as_array()) {
        GatewayRecord gateway = gateway_from_json(item.as_object());
        const std::string id = gateway.id();
        account.gateways.put(id, std::move(gateway));
      }
      account.spending_limit = object.at("spending_limit");
      account.topup_config = object.at("topup_config");
      for (const auto& item : object.at("topups").as_array()) {
        TopupRecord topup = topup_from_json(item.as_object());
        const std::string id = topup.payment_intent_id;
        account.topups.put(id, std::move(topup));
      }
      if (const auto* providers = object.if_contains("custom_providers")) { // absent before
        for (const auto& item : providers->as_array()) {
          const auto& provider = item.as_object();
          account.custom_providers.put(std::string(provider.at("id").as_string()), provider);
        }
      }
    }
    return store;
  } catch (const std::exception& e) {
    return Error{std::string("unexpected structure: ") + e.what()};
  }
}

json::object change_record(const Store& store, const Change& change) {
  return json::object{{"k", kind_name(change.kind)},
                      {"a", change.account_id},
                      {"g", change.gateway_id},
                      {"i", change.id},
                      {"v", current_value(store, change)}};
}

Status<> apply_change_record(Store& store, const json::object& record) {
  try {
    apply_record(store, record);
    return Unit{};
  } catch (const std::exception& e) {
    return Error{std::string("bad journal record: ") + e.what()};
  }
}

Result<Store> load_state(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return Store{};
  }
  auto content = read_file(path);
  if (!content) {
    return Error{"cannot read state file " + path};
  }
  boost::system::error_code parse_error;
  const json::value document = json::parse(*content, parse_error);
  if (parse_error) {
    return Error{"state file " + path + " is corrupt: " + parse_error.message()};
  }
  auto store = store_from_json(document);
  if (!store) {
    return Error{"state file " + path + " is corrupt: " + store.error().message};
  }
  const auto* journal = document.as_object().if_contains("journal");
  if (journal != nullptr && journal->is_string()) {
    if (auto replayed = replay_journal(*store, path, std::string(journal->as_string())); !replayed) {
      return replayed.error();
    }
  }
  return store;
}

Status<> save_state(const Store& store, const std::string& path, const std::string& journal_id) {
  const std::string temp = path + ".tmp." + std::to_string(getpid());
  const std::string content = json::serialize(store_to_json(store, journal_id));
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Error{"cannot write " + temp + ": " + std::strerror(errno)};
  }
  if (auto written = write_fully(fd, content, temp); !written) {
    ::close(fd);
    ::unlink(temp.c_str());
    return written;
  }
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced || std::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return Error{"cannot replace " + path + ": " + std::strerror(errno)};
  }
  return Unit{};
}

Status<> write_fully(int fd, std::string_view text, const std::string& path) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return Error{"cannot write " + path + ": " + std::strerror(errno)};
    }
    written += static_cast<std::size_t>(n);
  }
  return Unit{};
}

void remove_stale_temp_files(const std::string& path) {
  const std::filesystem::path file(path);
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
  const std::string prefix = file.filename().string() + ".tmp.";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().filename().string().starts_with(prefix)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

} // namespace aigw::emulator
