// load_bench: what loading the desired state costs beside yaml-cpp's own parse of the same
// file. Built with the tests, never run by ctest: `build/bench/load_bench FILE [repeats]`
// times both in turn (CPU time of this process, medians) and prints the ratio;
// `load_bench --parse-only FILE` only parses, so that its peak memory can be measured from
// outside (/usr/bin/time) beside `aigw validate -f FILE`.

#include "config/loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace aigw;

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

constexpr double k_goal_ratio = 1.3;

} // namespace

int main(int argc, char** argv) {
  const bool parse_only = argc > 1 && std::string(argv[1]) == "--parse-only";
  const int first = parse_only ? 2 : 1;
  if (argc <= first) {
    std::fprintf(stderr, "usage: load_bench [--parse-only] FILE [repeats]\n");
    return 2;
  }
  const std::string file = argv[first];
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  if (parse_only) {
    return YAML::LoadAll(text).size() == 1 ? 0 : 1;
  }
  const int repeats = argc > first + 1 ? std::max(1, std::atoi(argv[first + 1])) : 5;
  std::vector<double> parse;
  std::vector<double> load;
  for (int i = 0; i < repeats; ++i) {
    double start = cpu_ms();
    { // the node tree is freed inside the timed span, as loading frees it
      const auto documents = YAML::LoadAll(text);
      if (documents.size() != 1) {
        return 1;
      }
    }
    parse.push_back(cpu_ms() - start);
    start = cpu_ms();
    const auto loaded = config::load_desired_sources({{file, text}});
    load.push_back(cpu_ms() - start);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.diagnostics.front().to_string().c_str());
      return 1;
    }
  }
  const double ratio = median(load) / median(parse);
  std::printf("loading %zu KB: %.1f ms CPU, yaml-cpp's parse alone %.1f ms (medians of %d)  "
              "ratio %.2fx  goal <= %.1fx: %s\n",
              text.size() / 1024, median(load), median(parse), repeats, ratio, k_goal_ratio,
              ratio <= k_goal_ratio ? "met" : "NOT met");
  return 0;
}
