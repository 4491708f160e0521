import Foundation

/// A terminal colour (the 8 basic ones plus bright variants, or default).
public enum ThemeColour: String, CaseIterable, Sendable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = "bright-black", brightRed = "bright-red", brightGreen = "bright-green"
    case brightYellow = "bright-yellow", brightBlue = "bright-blue", brightMagenta = "bright-magenta"
    case brightCyan = "bright-cyan", brightWhite = "bright-white"

    /// The ncurses colour number (-1 for the terminal's default).
    public var cursesNumber: Int16 {
        switch self {
        case .default: return -1
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        }
    }
}

public struct ThemeEntry: Equatable, Sendable {
    public var foreground: ThemeColour = .default
    public var background: ThemeColour = .default
    public var bold = false
    public var underline = false
    public var reverse = false
}

/// How each `StyleRole` looks. Themes are small text files:
/// `role = foreground background [bold] [underline] [reverse]`, `#` comments.
public struct ColourTheme: Equatable, Sendable {
    public var name: String
    public var entries: [StyleRole: ThemeEntry]
    public var usesColour: Bool

    public func entry(_ role: StyleRole) -> ThemeEntry { entries[role] ?? ThemeEntry() }

    public struct Problem: Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Parses a theme; a bad line is reported and that role keeps the default look.
    public static func parse(_ text: String, name: String) -> (ColourTheme, [Problem]) {
        var theme = ColourTheme.builtIn("default")
        theme.name = name
        var problems: [Problem] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { problems.append(Problem(line: index + 1, message: "expected `role = foreground background [bold]`")); continue }
            if parts[0] == "colour" || parts[0] == "color" {
                theme.usesColour = parts[1] != "none"; continue
            }
            guard let role = StyleRole(rawValue: parts[0]) else {
                problems.append(Problem(line: index + 1, message: "unknown role '\(parts[0])'")); continue
            }
            var entry = ThemeEntry()
            var colours: [ThemeColour] = []
            var ok = true
            for word in parts[1].split(separator: " ").map(String.init) {
                switch word {
                case "bold": entry.bold = true
                case "underline": entry.underline = true
                case "reverse": entry.reverse = true
                default:
                    if let c = ThemeColour(rawValue: word) { colours.append(c) } else {
                        problems.append(Problem(line: index + 1, message: "unknown colour or attribute '\(word)'")); ok = false
                    }
                }
            }
            guard ok, colours.count <= 2 else {
                if ok { problems.append(Problem(line: index + 1, message: "at most a foreground and a background")) }
                continue
            }
            if colours.count > 0 { entry.foreground = colours[0] }
            if colours.count > 1 { entry.background = colours[1] }
            theme.entries[role] = entry
        }
        return (theme, problems)
    }

    public static let builtInNames = ["default", "high-contrast", "monochrome", "colour-blind"]

    /// The four themes shipped inside the binary (the same text as `Themes/*.theme`).
    public static func builtIn(_ name: String) -> ColourTheme {
        guard let text = BuiltInThemes.text[name], name != "default" else {
            return ColourTheme(name: "default", entries: BuiltInThemes.defaultEntries, usesColour: true)
        }
        var (theme, _) = parse(text, name: name)
        theme.name = name
        return theme
    }

    /// Picks a theme: `--theme` (a built-in name or a path), else the XDG config
    /// file's `theme = NAME`, else default; `NO_COLOR` forces monochrome.
    public static func resolve(requested: String?, environment: [String: String]) -> (ColourTheme, [String]) {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return (builtIn("monochrome"), []) }
        var name = requested
        if name == nil {
            let base = environment["XDG_CONFIG_HOME"].map { $0 + "/convene" } ?? ((environment["HOME"] ?? "~") + "/.config/convene")
            if let config = try? String(contentsOfFile: base + "/config", encoding: .utf8) {
                for line in config.split(separator: "\n") {
                    let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2 && parts[0] == "theme" { name = parts[1] }
                }
            }
        }
        guard let name else { return (builtIn("default"), []) }
        if builtInNames.contains(name) { return (builtIn(name), []) }
        let candidates = [name, "Themes/\(name).theme"]
        for path in candidates {
            if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                let (theme, problems) = parse(text, name: name)
                return (theme, problems.map { "theme \(path) \($0); using the default look for that entry" })
            }
        }
        return (builtIn("default"), ["no theme called '\(name)'; using the default theme"])
    }
}
