#include <slate/app/snapshot.hpp>
