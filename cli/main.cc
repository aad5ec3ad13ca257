// The poolcheck binary: hands its arguments to cli::RunPoolcheck with the real streams.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  cli::CommandIo io{std::cout, std::cerr, isatty(fileno(stderr)) != 0};
  const int code = cli::RunPoolcheck(args, io);
  std::cout.flush();
  return code;
}
