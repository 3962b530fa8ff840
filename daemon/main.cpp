#include <slated/run.hpp>

int main(int argc, char** argv) {
  return slate::daemon::run(argc, argv);
}
