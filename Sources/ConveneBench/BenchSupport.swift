import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Small helpers shared by the benchmarks: timing, percentiles, peak memory.
enum Bench {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank]
    }

    /// Peak resident memory of this process image, in MiB. Read from VmHWM:
    /// getrusage's ru_maxrss survives exec on Linux, so a child started by a
    /// large parent would report the parent's peak.
    static func peakMemoryMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kb / 1024
    }

    /// Resident memory of this process now (VmRSS), in MiB.
    static func currentMemoryMiB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return .nan }
        return kb / 1024
    }

    /// Starts the peak (VmHWM) again from what the process holds now, after giving freed memory back to the
    /// system, so the next `peakMemoryMiB` is the peak of what runs in between.
    static func resetPeakMemory() {
        // glibc's malloc_trim, which the Glibc module does not declare.
        if let trim = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") {
            _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }

    static func tempDir(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "convene-bench-\(name)-\(UUID().uuidString.prefix(6))"
        ).path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
