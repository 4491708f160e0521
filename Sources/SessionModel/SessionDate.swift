import Foundation

/// Calendar days as `YYYY-MM-DD` strings, in UTC so a session reads the same everywhere.
public enum SessionDate {
    private static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        f.isLenient = false
        return f
    }
    public static func parse(_ s: String) -> Date? {
        guard s.count == 10 else { return nil }
        return formatter().date(from: s)
    }
    public static func format(_ d: Date) -> String { formatter().string(from: d) }
}
