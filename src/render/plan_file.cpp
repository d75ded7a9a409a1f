#include "render/plan_file.h"

#include "render/json_value.h"
#include "render/pretty_json.h"

#include "model/credentials.h"
#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "util/concat.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <array>

namespace aigw::render {
namespace {

namespace json = boost::json;
using engine::Change;
using engine::ChangeKind;
using model::ResourceKind;

constexpr std::string_view k_format = "aigw-plan";
constexpr std::int64_t k_version = k_plan_file_version;

constexpr std::array<ChangeKind, 7> k_kinds = {
    ChangeKind::create,           ChangeKind::update,
    ChangeKind::remove,           ChangeKind::deploy_new_version,
    ChangeKind::redeploy_version, ChangeKind::cannot_fix,
    ChangeKind::replace};

/// A body as the file records it: no sensitive field, and every credential a gateway
/// field holds (otel and stripe authorization, otel header values) masked. apply sends the
/// recomputed body, with credentials resolved again from the desired state's `${VAR}`.
json::object body_json(ResourceKind kind, const model::Object& body) {
  json::object out;
  for (const auto& [name, value] : body) {
    if (const auto* spec = model::find_field(kind, name); spec != nullptr && spec->sensitive) {
      continue;
    }
    out[name] = to_json(model::mask_credentials(name, value));
  }
  return out;
}

json::object change_json(const Change& c) {
  json::object o;
  o["kind"] = engine::change_kind_name(c.kind);
  o["resource"] = model::resource_kind_name(c.resource);
  o["gateway_id"] = c.gateway_id;
  o["key"] = c.resource_key().local(); // parts quoted where they hold `/`
  o["server_id"] = c.server_id;
  o["body"] = body_json(c.resource, c.body);
  o["elements"] = to_json(model::elements_to_value(c.elements));
  o["version_id"] = c.version_id;
  o["secret_env"] = c.secret_env; // shown only: apply reads the variable desired names
  json::array diff;
  for (const auto& f : c.diff) {
    json::object d;
    d["path"] = f.path;
    d["sensitive"] = f.sensitive;
    if (f.old_value && !f.sensitive) {
      d["old"] = to_json(model::mask_credentials(f.path, *f.old_value));
    }
    if (f.new_value && !f.sensitive) {
      d["new"] = to_json(model::mask_credentials(f.path, *f.new_value));
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
    fail(concat("`", key, "` must be a string"));
    return {};
  }
  bool boolean(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (v != nullptr && v->is_bool()) {
      return v->get_bool();
    }
    fail(concat("`", key, "` must be a boolean"));
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
    fail(concat("`", key, "` must be a non-negative integer"));
    return 0;
  }
  const json::array& array(const json::object& o, std::string_view key) {
    static const json::array k_empty;
    const auto* v = at(o, key);
    if (v != nullptr && v->is_array()) {
      return v->get_array();
    }
    fail(concat("`", key, "` must be an array"));
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
Kind parse_name(Reader& r, const std::array<Kind, N>& all, NameOf name_of,
                const std::string& text) {
  for (Kind k : all) {
    if (name_of(k) == text) {
      return k;
    }
  }
  r.fail("unknown name `" + text + "`");
  return all[0];
}

/// A kind by its name in the kind table.
ResourceKind parse_resource(Reader& r, const std::string& text) {
  if (const auto* spec = model::find_kind(text); spec != nullptr) {
    return spec->kind;
  }
  r.fail("unknown name `" + text + "`");
  return ResourceKind::gateway;
}

std::vector<std::string> read_strings(Reader& r, const json::object& o, std::string_view key);

Change read_change(Reader& r, const json::object& o, std::size_t total) {
  Change c;
  c.kind = parse_name(r, k_kinds, engine::change_kind_name, r.str(o, "kind"));
  c.resource = parse_resource(r, r.str(o, "resource"));
  c.gateway_id = r.str(o, "gateway_id");
  if (auto parts = model::parse_key_parts(r.str(o, "key")); parts) {
    c.key = std::move(*parts);
  } else {
    r.fail("`key` has an unclosed quote");
  }
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
  // Never read: a secret comes only from the variable the desired state's own `${...}`
  // names, when apply recomputes the plan.
  c.secret_env = r.str(o, "secret_env");
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
  // Optional: plans written before it was recorded read as having none.
  if (o.contains("unknown_credentials")) {
    for (const auto& item : r.array(o, "unknown_credentials")) {
      const auto& u = r.object(item, "an unknown credential");
      c.unknown_credentials.push_back({r.str(u, "path"), read_strings(r, u, "variables")});
    }
  }
  c.reason = r.str(o, "reason");
  c.billing = r.boolean(o, "billing");
  c.cascade = r.boolean(o, "cascade");
  for (const auto& d : r.array(o, "depends_on")) {
    if (!d.is_int64() || d.get_int64() < 0 || static_cast<std::size_t>(d.get_int64()) >= total) {
      r.fail("`depends_on` must hold indices of other changes");
      continue;
    }
    c.depends_on.push_back(static_cast<std::size_t>(d.get_int64()));
  }
  return c;
}

constexpr std::array<engine::ImpactMode, 3> k_impact_modes = {
    engine::ImpactMode::off, engine::ImpactMode::deletes, engine::ImpactMode::all};

std::string_view impact_mode_name(engine::ImpactMode mode) {
  switch (mode) {
  case engine::ImpactMode::off: return "off";
  case engine::ImpactMode::deletes: return "deletes";
  case engine::ImpactMode::all: return "all";
  }
  return "deletes";
}

json::array strings_json(const std::vector<std::string>& items) {
  json::array out;
  for (const auto& item : items) {
    out.push_back(json::string(item));
  }
  return out;
}

std::vector<std::string> read_strings(Reader& r, const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  for (const auto& item : r.array(o, key)) {
    if (item.is_string()) {
      out.emplace_back(item.get_string());
    } else {
      r.fail(concat("`", key, "` must hold strings"));
    }
  }
  return out;
}

json::object options_json(const engine::MakePlanOptions& options) {
  json::object o;
  o["prune"] = options.plan.prune;
  o["force"] = options.plan.force;
  o["targets"] = strings_json(options.targets);
  o["impact"] = impact_mode_name(options.impact.mode);
  o["impact_window"] = options.impact.window;
  if (options.max_impact) {
    o["max_impact"] = *options.max_impact;
  } else {
    o["max_impact"] = nullptr;
  }
  return o;
}

engine::MakePlanOptions read_options(Reader& r, const json::object& o) {
  engine::MakePlanOptions options;
  options.plan.prune = r.boolean(o, "prune");
  options.plan.force = r.boolean(o, "force");
  options.targets = read_strings(r, o, "targets");
  options.impact.mode = parse_name(r, k_impact_modes, impact_mode_name, r.str(o, "impact"));
  options.impact.window = r.str(o, "impact_window");
  if (const auto* v = r.at(o, "max_impact"); v != nullptr && !v->is_null()) {
    options.max_impact = r.count(o, "max_impact");
  }
  return options;
}

/// The version check first, with what to do about it: a plan from another aigw cannot be
/// recomputed the way it was made.
std::optional<std::string> version_problem(const json::object& root) {
  const auto* v = root.if_contains("format_version");
  if (v == nullptr || !v->is_int64()) {
    return "plan file: `format_version` is missing or not an integer";
  }
  const auto version = v->get_int64();
  if (version == k_version) {
    return std::nullopt;
  }
  const std::string which = version < k_version ? "an older" : "a newer";
  return "plan file: format_version " + std::to_string(version) + " was written by " + which +
         " aigw; this aigw reads version " + std::to_string(k_version) +
         " only (a saved plan now carries its desired state and is recomputed at apply). "
         "Make the plan again with this aigw: `aigw plan --out FILE`";
}

} // namespace

std::string change_record(const engine::Change& change) {
  return json::serialize(change_json(change));
}

std::string write_plan_file(const engine::SavedPlan& saved) {
  const auto& plan = saved.plan;
  json::object root;
  root["format"] = k_format;
  root["format_version"] = k_version;
  root["account_id"] = plan.account_id;
  root["api_requests"] = plan.api_requests;
  root["options"] = options_json(saved.options);
  json::array sources;
  for (const auto& source : saved.sources) {
    sources.push_back(json::object{{"path", source.path}, {"text", source.text}});
  }
  root["sources"] = std::move(sources);
  root["warnings"] = strings_json(plan.warnings);
  json::array fingerprints;
  for (const auto& f : plan.fingerprints) {
    fingerprints.push_back(json::object{{"address", f.address}, {"hash", f.hash}});
  }
  root["fingerprints"] = std::move(fingerprints);
  json::array changes;
  for (const auto& c : plan.changes) {
    // Not part of change_record: see engine::Change::unknown_credentials.
    json::object change = change_json(c);
    json::array unknown;
    for (const auto& credential : c.unknown_credentials) {
      unknown.push_back(json::object{{"path", credential.path},
                                     {"variables", strings_json(credential.variables)}});
    }
    change["unknown_credentials"] = std::move(unknown);
    changes.push_back(std::move(change));
  }
  root["changes"] = std::move(changes);
  return pretty_json(root);
}

Result<engine::SavedPlan> read_plan_file(std::string_view text) {
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
  if (const auto* format = root.if_contains("format");
      format == nullptr || !format->is_string() || format->get_string() != k_format) {
    return Error{"plan file: not an aigw plan (`format` is not \"aigw-plan\")"};
  }
  if (auto problem = version_problem(root)) {
    return Error{*problem};
  }
  engine::SavedPlan saved;
  engine::Plan& plan = saved.plan;
  plan.account_id = r.str(root, "account_id");
  plan.api_requests = r.count(root, "api_requests");
  if (const auto* options = r.at(root, "options"); options != nullptr) {
    saved.options = read_options(r, r.object(*options, "`options`"));
  }
  for (const auto& item : r.array(root, "sources")) {
    const auto& source = r.object(item, "a source");
    saved.sources.push_back({r.str(source, "path"), r.str(source, "text")});
  }
  plan.warnings = read_strings(r, root, "warnings");
  for (const auto& item : r.array(root, "fingerprints")) {
    const auto& f = r.object(item, "a fingerprint");
    plan.fingerprints.push_back({r.str(f, "address"), r.str(f, "hash")});
  }
  const auto& changes = r.array(root, "changes");
  for (std::size_t i = 0; i < changes.size() && r.error().empty(); ++i) {
    Reader change_reader("plan file: change " + std::to_string(i));
    plan.changes.push_back(
        read_change(change_reader, change_reader.object(changes[i], "a change"), changes.size()));
    if (!change_reader.error().empty()) {
      return Error{change_reader.error()};
    }
  }
  if (!r.error().empty()) {
    return Error{r.error()};
  }
  if (saved.sources.empty()) {
    return Error{"plan file: `sources` is empty: a saved plan carries the desired state it was "
                 "made from"};
  }
  return saved;
}

} // namespace aigw::render
