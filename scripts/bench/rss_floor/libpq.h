// The libpq header for the RSS floor program (bench.py compiles it with -import-objc-header).
#include <libpq-fe.h>
