import Foundation

/// Reads a discussion guide from plain text or Markdown: headings are segments,
/// list items under them are prompts, and "(10 min)" in a heading plans its time.
/// Text without headings makes one segment per line. A leading `# Title`
/// followed by `##` headings is the guide's title, not a segment.
public enum DiscussionGuideParser {
    public static func parse(_ text: String) -> [GuideSegment] { parseWithTitle(text).segments }

    /// The guide's title (a leading level-1 heading with more headings after it) and its segments.
    public static func parseWithTitle(_ text: String) -> (title: String?, segments: [GuideSegment]) {
        var lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        var title: String?
        // The title: a first `# heading` with no planned minutes whose segments are deeper (`##`).
        let later = lines.dropFirst().filter { $0.hasPrefix("#") }
        if let first = lines.first, first.hasPrefix("# "), minutesIn(String(first.dropFirst(2))).1 == nil,
            !later.isEmpty, !later.contains(where: { $0.hasPrefix("# ") })
        {
            title = first.dropFirst(2).trimmingCharacters(in: .whitespaces)
            lines.removeFirst()
        }
        return (title, segments(lines))
    }

    static func segments(_ lines: [String]) -> [GuideSegment] {
        let hasHeadings = lines.contains { $0.hasPrefix("#") }
        var segments: [GuideSegment] = []
        for line in lines where !line.isEmpty {
            if hasHeadings {
                if line.hasPrefix("#") {
                    // "## 1. Welcome": the console numbers segments itself.
                    let title = stripListMarker(line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
                    let (clean, minutes) = minutesIn(title)
                    segments.append(GuideSegment(title: clean, prompts: [], minutes: minutes))
                } else if !segments.isEmpty {
                    segments[segments.count - 1].prompts.append(stripListMarker(line))
                } else {
                    segments.append(GuideSegment(title: stripListMarker(line)))
                }
            } else {
                let (clean, minutes) = minutesIn(stripListMarker(line))
                segments.append(GuideSegment(title: clean, prompts: [], minutes: minutes))
            }
        }
        return segments.filter { !$0.title.isEmpty }
    }

    static func stripListMarker(_ line: String) -> String {
        var s = Substring(line)
        if let first = s.first, "-*+".contains(first) {
            s = s.dropFirst()
        } else if let dot = s.firstIndex(where: { $0 == "." || $0 == ")" }),
            s[s.startIndex..<dot].allSatisfy(\.isNumber), dot > s.startIndex
        {
            s = s[s.index(after: dot)...]
        }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// "Warm-up (10 min)" → ("Warm-up", 10).
    static func minutesIn(_ title: String) -> (String, Int?) {
        guard let open = title.lastIndex(where: { $0 == "(" || $0 == "[" }) else { return (title, nil) }
        let inside = title[title.index(after: open)...].dropLast(title.hasSuffix(")") || title.hasSuffix("]") ? 1 : 0)
        let parts = inside.split(separator: " ")
        guard let n = parts.first.flatMap({ Int($0) }), parts.count == 2, parts[1].hasPrefix("min") else {
            return (title, nil)
        }
        return (title[..<open].trimmingCharacters(in: .whitespaces), n)
    }
}
