// The system zlib (zlib1g-dev on Debian and Ubuntu; part of the SDK on macOS), for the zip packages
// Convene writes itself (Sources/Exporters/ZipPackage.swift).
#include <zlib.h>
