#!/usr/bin/env bash
# Builds just SessionModel + Privacy + PrivacyBench with -O -wmo (what `swift build -c release`
# does for these modules) and runs the identifier-scanning benchmark, without a full release
# build of every dependency. Needs a debug build first (for the gazetteer resource bundle).
# Usage: scripts/privacy-bench-O.sh   (from the package root)
set -euo pipefail
root="$(pwd)"
out="$(mktemp -d)"
bundle="$(ls -d "$root"/.build/debug/Convene_Privacy.resources)"
cat > "$out/shim.swift" <<SWIFT
import Foundation
extension Foundation.Bundle { static let module: Bundle = Bundle(path: "$bundle")! }
SWIFT
echo 'runPrivacyBenchmarks()' > "$out/main.swift"
swiftc -O -wmo -parse-as-library -module-name SessionModel -emit-module -emit-module-path "$out/SessionModel.swiftmodule" -c -o "$out/SessionModel.o" Sources/SessionModel/*.swift
swiftc -O -wmo -parse-as-library -module-name Privacy -I "$out" -emit-module -emit-module-path "$out/Privacy.swiftmodule" -c -o "$out/Privacy.o" Sources/Privacy/*.swift "$out/shim.swift"
swiftc -O -wmo -module-name PrivacyBenchO -I "$out" -o "$out/privacy-bench" "$out/main.swift" Sources/ConveneBench/PrivacyBench.swift Sources/ConveneBench/BenchSupport.swift "$out/SessionModel.o" "$out/Privacy.o"
"$out/privacy-bench"
rm -rf "$out"
