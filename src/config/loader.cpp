#include "config/loader.h"

#include "config/desired_builder.h"
#include "config/node_reader.h"
#include "util/bounded_read.h"
#include "util/printable.h"

#include "config/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/exceptions.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

namespace aigw::config {
namespace {

namespace fs = std::filesystem;

/// Deepest flow nesting ([ and {) accepted; yaml-cpp recurses per level.
constexpr int k_max_flow_depth = 200;
/// Deepest nesting yaml-cpp 0.7's parser takes (its DepthGuard<500>), counting every level
/// from the document down, block and flow alike; past it, it throws DeepRecursion.
constexpr int k_parser_max_depth = 500;

Diagnostic file_error(const std::string &file, std::string message) {
  return Diagnostic{file, 1, 1, std::move(message)};
}

bool is_yaml_name(const fs::path &p) {
  const auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

/// True for a name that starts with '.' (dotfiles and dot-directories are never config:
/// .pre-commit-config.yaml, .github/...).
bool is_hidden(const fs::path &p) {
  const auto name = p.filename().string();
  return !name.empty() && name.front() == '.';
}

/// The *.yaml/*.yml files under dir, recursively, skipping hidden entries; sorted by path.
std::vector<fs::path> yaml_files_under(const std::string &dir, std::error_code &ec) {
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const auto &entry = *it;
    if (is_hidden(entry.path())) {
      if (entry.is_directory(ec)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (entry.is_regular_file(ec) && is_yaml_name(entry.path())) {
      found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// Expands directories to their *.yaml/*.yml files (recursively, sorted, hidden entries
/// skipped); reports unreadable paths.
std::vector<std::string> expand_paths(const std::vector<std::string> &paths,
                                      std::vector<Diagnostic> &out) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add = [&](const fs::path &p) {
    std::error_code ec;
    const auto canonical = fs::weakly_canonical(p, ec).string();
    if (seen.insert(ec ? p.string() : canonical).second) {
      files.push_back(p.string());
    }
  };
  for (const auto &path : paths) {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (fs::is_directory(status)) {
      const auto found = yaml_files_under(path, ec);
      if (ec) {
        out.push_back(file_error(path, "cannot read the directory: " + ec.message()));
      } else if (found.empty()) {
        out.push_back(file_error(path, "no *.yaml or *.yml files in this directory"));
      }
      std::for_each(found.begin(), found.end(), add);
    } else if (fs::is_regular_file(status)) {
      add(path);
    } else {
      out.push_back(file_error(path, fs::exists(status) ? "not a regular file or directory"
                                                        : "no such file or directory"));
    }
  }
  return files;
}

/// Finds what yaml-cpp would accept silently or recurse on without bound: flow nesting
/// deeper than the limit, and a quoted scalar left open until the end of the file. The
/// bodies of block scalars (`|`, `>`) are skipped: quotes there are plain text.
std::optional<Diagnostic> prescan(const std::string &file, const std::string &text) {
  int depth = 0;
  int line = 1;
  int column = 0;
  char quote = 0;
  int quote_line = 0;
  int quote_column = 0;
  bool comment = false;
  char previous = '\n';       // last non-blank character outside quotes on this line
  int indent = 0;             // indentation of the current line
  bool at_indent = true;      // still in the current line's leading spaces
  bool block_pending = false; // the line so far ends in a block scalar indicator
  int block_indent = -1;      // inside a block scalar body: its parent line's indentation
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    ++column;
    if (c == '\n') {
      if (quote == 0) {
        previous = '\n';
        if (block_pending) {
          block_indent = indent;
        }
      }
      ++line;
      column = 0;
      comment = false;
      indent = 0;
      at_indent = true;
      block_pending = false;
      continue;
    }
    if (quote == 0 && at_indent) {
      if (c == ' ') {
        ++indent;
        continue;
      }
      at_indent = false;
      if (block_indent >= 0 && indent > block_indent) {
        comment = true; // a block scalar's body line: skip it like a comment
        continue;
      }
      block_indent = -1;
    }
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++i; // skip the escaped character
        ++column;
      } else if (c == quote) {
        quote = 0;
        previous = c;
      }
      continue;
    }
    if (comment || c == ' ' || c == '\t') {
      continue;
    }
    // A quote opens a quoted scalar only where a scalar may start; elsewhere ("don't") it
    // is part of a plain scalar.
    const bool scalar_start = previous == '\n' || previous == ':' || previous == '-' ||
                              previous == '[' || previous == '{' || previous == ',' ||
                              previous == '?';
    if ((c == '"' || c == '\'') && scalar_start) {
      quote = c;
      quote_line = line;
      quote_column = column;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t')) {
      comment = true;
      continue;
    } else if (c == '[' || c == '{') {
      if (++depth > k_max_flow_depth) {
        return Diagnostic{file, line, column,
                          "document nested deeper than " + std::to_string(k_max_flow_depth) +
                              " levels"};
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    if ((c == '|' || c == '>') && scalar_start && depth == 0) {
      block_pending = true;
    } else if (block_pending && c != '-' && c != '+' && (c < '0' || c > '9')) {
      block_pending = false;
    }
    previous = c;
  }
  if (quote != 0) {
    return Diagnostic{file, quote_line, quote_column,
                      std::string("invalid YAML: unterminated quoted string (missing closing ") +
                          quote + ")"};
  }
  return std::nullopt;
}

/// Line `index` (0-based) of text.
std::string line_of(const std::string &text, int index) {
  std::istringstream in(text);
  std::string line;
  for (int i = 0; i <= index && std::getline(in, line); ++i) {
  }
  return line;
}

std::optional<std::string> read_file(const std::string &file, std::vector<Diagnostic> &out) {
  auto text = read_bounded_file(file, k_max_file_bytes);
  if (!text) {
    out.push_back(file_error(file, "cannot read the file: " + text.error().message));
    return std::nullopt;
  }
  return std::move(*text);
}

void load_text(const std::string &file, const std::string &text, const EnvLookup &env,
               DesiredBuilder &builder, std::vector<Diagnostic> &out) {
  if (auto problem = prescan(file, text)) {
    out.push_back(std::move(*problem));
    return;
  }
  NodeReader reader(file, env, &out);
  try {
    const YamlDocuments documents = parse_yaml(text);
    const auto &roots = documents.roots();
    if (roots.size() > 1) {
      reader.error(roots[1], "only one YAML document per file is allowed");
      return;
    }
    builder.add_document(reader, roots.empty() ? YamlNode() : roots.front());
  } catch (const YAML::DeepRecursion &e) {
    // Its own message is "bad file", which says neither what nor why.
    reader.error_at(e.mark, "invalid YAML: nested too deep (the parser stops at " +
                                std::to_string(k_parser_max_depth) +
                                " levels of block and flow nesting together)");
  } catch (const YAML::Exception &e) {
    // yaml-cpp reports syntax errors (tabs, indentation, unterminated quotes) with a mark.
    const std::string line = e.mark.line >= 0 ? line_of(text, e.mark.line) : std::string();
    const bool tab = line.find_first_not_of(" \t") != std::string::npos &&
                     line.substr(0, line.find_first_not_of(" \t")).find('\t') != std::string::npos;
    reader.error_at(e.mark, tab ? "invalid YAML: tab in indentation (indent with spaces)"
                                : "invalid YAML: " + e.msg);
  } catch (const std::exception &e) {
    reader.error_at(YAML::Mark::null_mark(), std::string("cannot load: ") + e.what());
  }
}

EnvLookup env_or_process(const LoadOptions &options) {
  if (options.getenv) {
    return options.getenv;
  }
  return [](const std::string &name) -> std::optional<std::string> {
    const char *value = std::getenv(name.c_str());
    return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
  };
}

/// Hands the pages of freed memory back to the system. A file's node tree (config/yaml_tree,
/// about 10 bytes of heap per byte of YAML) is freed when the file has been read, but glibc
/// keeps its pages; the threads that then read live state allocate from other arenas, so
/// without this the process's peak is the tree plus all of live state instead of the larger
/// of the two.
void release_freed_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

/// Loads each source in turn and finishes the result (account id fallback, sorting).
LoadResult load_all(std::vector<SourceFile> sources, std::vector<Diagnostic> diagnostics,
                    const EnvLookup &env) {
  LoadResult result;
  result.diagnostics = std::move(diagnostics);
  for (const auto &source : sources) {
    result.files.push_back(source.path);
  }
  DesiredBuilder builder;
  try {
    for (const auto &source : sources) {
      load_text(source.path, source.text, env, builder, result.diagnostics);
    }
    builder.check_scope(result.diagnostics);
  } catch (const std::exception &e) {
    result.diagnostics.push_back(file_error(sources.empty() ? "." : sources.front().path,
                                            std::string("cannot load: ") + e.what()));
  }
  release_freed_memory(); // every file's node tree is gone by now
  result.desired = std::move(builder.desired());
  if (result.desired.account_id.empty()) {
    if (auto id = env("CLOUDFLARE_ACCOUNT_ID"); id && !id->empty()) {
      result.desired.account_id = *id;
    }
  }
  result.sources = std::move(sources);
  for (auto &d : result.diagnostics) {
    // Messages quote keys and values from the file: a control character in them must not
    // reach the terminal raw.
    d.message = escape_control_characters(d.message);
  }
  sort_diagnostics(result.diagnostics);
  return result;
}

} // namespace

bool LoadResult::ok() const {
  return std::none_of(diagnostics.begin(), diagnostics.end(),
                      [](const Diagnostic &d) { return d.severity == "error"; });
}

LoadResult load_desired(const std::vector<std::string> &paths, const LoadOptions &options) {
  std::vector<Diagnostic> diagnostics;
  std::vector<SourceFile> sources;
  std::vector<std::string> files;
  try {
    files = expand_paths(paths, diagnostics);
    for (const auto &file : files) {
      if (auto text = read_file(file, diagnostics)) {
        sources.push_back({file, std::move(*text)});
      }
    }
  } catch (const std::exception &e) {
    diagnostics.push_back(
        file_error(paths.empty() ? "." : paths.front(), std::string("cannot load: ") + e.what()));
  }
  auto result = load_all(std::move(sources), std::move(diagnostics), env_or_process(options));
  result.files = std::move(files);
  return result;
}

LoadResult load_desired_sources(const std::vector<SourceFile>& sources,
                                const LoadOptions& options) {
  std::vector<Diagnostic> diagnostics;
  for (const auto& source : sources) {
    if (source.text.size() > k_max_file_bytes) {
      diagnostics.push_back(file_error(
          source.path, "cannot read the file: larger than the limit of " +
                           byte_size_text(k_max_file_bytes)));
    }
  }
  if (!diagnostics.empty()) {
    return load_all({}, std::move(diagnostics), env_or_process(options));
  }
  return load_all(sources, {}, env_or_process(options));
}

std::string source_line(const std::vector<SourceFile> &sources, const std::string &file,
                        int line) {
  const auto source = std::find_if(sources.begin(), sources.end(),
                                   [&file](const SourceFile &s) { return s.path == file; });
  if (source == sources.end() || line < 1) {
    return {};
  }
  std::size_t start = 0;
  for (int i = 1; i < line; ++i) {
    start = source->text.find('\n', start);
    if (start == std::string::npos) {
      return {};
    }
    ++start;
  }
  if (start >= source->text.size()) {
    return {};
  }
  const auto end = source->text.find('\n', start);
  std::string text = source->text.substr(start, end == std::string::npos ? end : end - start);
  if (!text.empty() && text.back() == '\r') {
    text.pop_back();
  }
  return text;
}

std::vector<std::string> default_paths(const std::string &dir) {
  const fs::path single = fs::path(dir) / "aigw.yaml";
  std::error_code ec;
  if (fs::is_regular_file(single, ec)) {
    return {single.string()};
  }
  return {dir};
}

} // namespace aigw::config
