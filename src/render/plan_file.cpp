#include "render/plan_file.h"

#include "render/json_value.h"
#include "render/pretty_json.h"

#include <boost/json/parse.hpp>

#include <array>

namespace aigw::render {
namespace {

namespace json = boost::json;
using engine::Change;
using engine::ChangeKind;
using model::ResourceKind;

constexpr std::string_view k_format = "aigw-plan";
constexpr std::int64_t k_version = 1;

constexpr std::array<ResourceKind, 6> k_resources = {
    ResourceKind::gateway,     ResourceKind::dataset,        ResourceKind::provider_config,
    ResourceKind::route,       ResourceKind::spending_limit, ResourceKind::auto_topup};
constexpr std::array<ChangeKind, 6> k_kinds = {
    ChangeKind::create,           ChangeKind::update,           ChangeKind::remove,
    ChangeKind::deploy_new_version, ChangeKind::redeploy_version, ChangeKind::cannot_fix};

json::object body_json(ResourceKind kind, const model::Object& body) {
  json::object out;
  for (const auto& [name, value] : body) {
    // Bodies never hold a secret; this keeps it so even if one slipped in.
    if (const auto* spec = model::find_field(kind, name); spec != nullptr && spec->sensitive) {
      continue;
    }
    out[name] = to_json(value);
  }
  return out;
}

json::object change_json(const Change& c) {
  json::object o;
  o["kind"] = engine::change_kind_name(c.kind);
  o["resource"] = model::resource_kind_name(c.resource);
  o["gateway_id"] = c.gateway_id;
  o["key"] = c.key;
  o["server_id"] = c.server_id;
  o["body"] = body_json(c.resource, c.body);
  o["elements"] = to_json(model::elements_to_value(c.elements));
  o["version_id"] = c.version_id;
  o["secret_env"] = c.secret_env;
  // A secret unset when planning is still needed at apply: read it from secret_env then.
  o["has_secret"] = c.secret.has_value() || !c.secret_env.empty();
  json::array diff;
  for (const auto& f : c.diff) {
    json::object d;
    d["path"] = f.path;
    d["sensitive"] = f.sensitive;
    if (f.old_value && !f.sensitive) {
      d["old"] = to_json(*f.old_value);
    }
    if (f.new_value && !f.sensitive) {
      d["new"] = to_json(*f.new_value);
    }
    diff.push_back(std::move(d));
  }
  o["diff"] = std::move(diff);
  o["reason"] = c.reason;
  o["billing"] = c.billing;
  o["cascade"] = c.cascade;
  json::array deps;
  for (auto d : c.depends_on) {
    deps.push_back(d);
  }
  o["depends_on"] = std::move(deps);
  return o;
}

/// Field readers that turn a malformed file into an Error naming the field.
class Reader {
public:
  explicit Reader(std::string context) : m_context(std::move(context)) {}

  const json::value* at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (v == nullptr) {
      fail("missing `" + std::string(key) + "`");
    }
    return v;
  }
  std::string str(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (v != nullptr && v->is_string()) {
      return std::string(v->get_string());
    }
    fail("`" + std::string(key) + "` must be a string");
    return {};
  }
  bool boolean(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (v != nullptr && v->is_bool()) {
      return v->get_bool();
    }
    fail("`" + std::string(key) + "` must be a boolean");
    return false;
  }
  std::uint64_t count(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (v != nullptr && v->is_int64() && v->get_int64() >= 0) {
      return static_cast<std::uint64_t>(v->get_int64());
    }
    if (v != nullptr && v->is_uint64()) {
      return v->get_uint64();
    }
    fail("`" + std::string(key) + "` must be a non-negative integer");
    return 0;
  }
  const json::array& array(const json::object& o, std::string_view key) {
    static const json::array k_empty;
    const auto* v = at(o, key);
    if (v != nullptr && v->is_array()) {
      return v->get_array();
    }
    fail("`" + std::string(key) + "` must be an array");
    return k_empty;
  }
  const json::object& object(const json::value& v, std::string_view what) {
    static const json::object k_empty;
    if (v.is_object()) {
      return v.get_object();
    }
    fail(std::string(what) + " must be an object");
    return k_empty;
  }
  void fail(const std::string& message) {
    if (m_error.empty()) {
      m_error = m_context + ": " + message;
    }
  }
  [[nodiscard]] const std::string& error() const { return m_error; }

private:
  std::string m_context;
  std::string m_error;
};

template <class Kind, std::size_t N, class NameOf>
Kind parse_name(Reader& r, const std::array<Kind, N>& all, NameOf name_of, const std::string& text) {
  for (Kind k : all) {
    if (name_of(k) == text) {
      return k;
    }
  }
  r.fail("unknown name `" + text + "`");
  return all[0];
}

Change read_change(Reader& r, const json::object& o, std::size_t total,
                   const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  Change c;
  c.kind = parse_name(r, k_kinds, engine::change_kind_name, r.str(o, "kind"));
  c.resource = parse_name(r, k_resources, model::resource_kind_name, r.str(o, "resource"));
  c.gateway_id = r.str(o, "gateway_id");
  c.key = r.str(o, "key");
  c.server_id = r.str(o, "server_id");
  if (const auto* body = r.at(o, "body"); body != nullptr) {
    c.body = from_json(json::value(r.object(*body, "`body`"))).as_object();
  }
  if (const auto* elements = r.at(o, "elements"); elements != nullptr) {
    auto parsed = model::elements_from_value(from_json(*elements));
    if (!parsed) {
      r.fail("`elements` must be an array of route elements");
    } else {
      c.elements = std::move(*parsed);
    }
  }
  c.version_id = r.str(o, "version_id");
  c.secret_env = r.str(o, "secret_env");
  if (r.boolean(o, "has_secret")) {
    // The secret is not in the file: read it again from the variable it came from.
    auto value = c.secret_env.empty() ? std::nullopt : getenv(c.secret_env);
    if (!value) {
      r.fail(c.address() + " needs its secret from the environment variable `" + c.secret_env +
             "`, which is not set");
    } else {
      c.secret = Secret(*value);
    }
  }
  for (const auto& item : r.array(o, "diff")) {
    const auto& d = r.object(item, "a diff entry");
    engine::FieldChange f;
    f.path = r.str(d, "path");
    f.sensitive = r.boolean(d, "sensitive");
    if (const auto* v = d.if_contains("old")) {
      f.old_value = from_json(*v);
    }
    if (const auto* v = d.if_contains("new")) {
      f.new_value = from_json(*v);
    }
    c.diff.push_back(std::move(f));
  }
  c.reason = r.str(o, "reason");
  c.billing = r.boolean(o, "billing");
  // Absent in plans saved before cascades were listed: those held no cascade change.
  c.cascade = o.contains("cascade") && r.boolean(o, "cascade");
  for (const auto& d : r.array(o, "depends_on")) {
    if (!d.is_int64() || d.get_int64() < 0 || static_cast<std::size_t>(d.get_int64()) >= total) {
      r.fail("`depends_on` must hold indices of other changes");
      continue;
    }
    c.depends_on.push_back(static_cast<std::size_t>(d.get_int64()));
  }
  return c;
}

} // namespace

std::string write_plan_file(const engine::Plan& plan) {
  json::object root;
  root["format"] = k_format;
  root["format_version"] = k_version;
  root["account_id"] = plan.account_id;
  root["api_requests"] = plan.api_requests;
  json::array read_gateways;
  for (const auto& id : plan.read_gateways) {
    read_gateways.push_back(json::string(id));
  }
  root["read_gateways"] = std::move(read_gateways);
  root["read_billing"] = plan.read_billing;
  json::array warnings;
  for (const auto& w : plan.warnings) {
    warnings.push_back(json::string(w));
  }
  root["warnings"] = std::move(warnings);
  json::array fingerprints;
  for (const auto& f : plan.fingerprints) {
    fingerprints.push_back(json::object{{"address", f.address}, {"hash", f.hash}});
  }
  root["fingerprints"] = std::move(fingerprints);
  json::array changes;
  for (const auto& c : plan.changes) {
    changes.push_back(change_json(c));
  }
  root["changes"] = std::move(changes);
  return pretty_json(root);
}

Result<engine::Plan> read_plan_file(
    std::string_view text,
    const std::function<std::optional<std::string>(const std::string&)>& getenv) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) {
    return Error{"plan file: not JSON: " + ec.message()};
  }
  Reader r("plan file");
  const auto& root = r.object(doc, "the plan file");
  if (!r.error().empty()) {
    return Error{r.error()};
  }
  if (r.str(root, "format") != k_format) {
    return Error{"plan file: not an aigw plan (`format` is not \"aigw-plan\")"};
  }
  if (const auto* v = root.if_contains("format_version"); v == nullptr || !v->is_int64() ||
                                                         v->get_int64() != k_version) {
    return Error{"plan file: unsupported `format_version` (this aigw reads version 1)"};
  }
  engine::Plan plan;
  plan.account_id = r.str(root, "account_id");
  plan.api_requests = r.count(root, "api_requests");
  for (const auto& id : r.array(root, "read_gateways")) {
    if (id.is_string()) {
      plan.read_gateways.emplace_back(id.get_string());
    } else {
      r.fail("`read_gateways` must hold strings");
    }
  }
  plan.read_billing = r.boolean(root, "read_billing");
  for (const auto& w : r.array(root, "warnings")) {
    if (w.is_string()) {
      plan.warnings.emplace_back(w.get_string());
    }
  }
  for (const auto& item : r.array(root, "fingerprints")) {
    const auto& f = r.object(item, "a fingerprint");
    plan.fingerprints.push_back({r.str(f, "address"), r.str(f, "hash")});
  }
  const auto& changes = r.array(root, "changes");
  for (std::size_t i = 0; i < changes.size() && r.error().empty(); ++i) {
    Reader change_reader("plan file: change " + std::to_string(i));
    plan.changes.push_back(
        read_change(change_reader, change_reader.object(changes[i], "a change"), changes.size(), getenv));
    if (!change_reader.error().empty()) {
      return Error{change_reader.error()};
    }
  }
  if (!r.error().empty()) {
    return Error{r.error()};
  }
  return plan;
}

} // namespace aigw::render
