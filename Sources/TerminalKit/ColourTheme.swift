/// How one role looks: colours and attributes.
public struct ThemeEntry: Equatable, Sendable {
    public var foreground: ThemeColour
    public var background: ThemeColour
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(
        foreground: ThemeColour = .default, background: ThemeColour = .default,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

/// How each `StyleRole` looks. Themes are small text files (see `Themes/` and
/// docs/terminal-kit.md):
///
///     # comment
///     colour = none                     # optional: attributes only
///     flag = red default bold underline # role = foreground [background] [attributes]
///
/// Colours are `default`, a name (`red`, `bright-blue`), a number 0–255 or
/// `#RRGGBB`; attributes are `bold`, `underline`, `reverse`, `dim`.
public struct ColourTheme: Equatable, Sendable {
    public var name: String
    public var entries: [StyleRole: ThemeEntry]
    /// False for a theme that must not use colour (monochrome, `NO_COLOR`).
    public var usesColour: Bool

    public init(name: String, entries: [StyleRole: ThemeEntry], usesColour: Bool) {
        self.name = name
        self.entries = entries
        self.usesColour = usesColour
    }

    public func entry(_ role: StyleRole) -> ThemeEntry { entries[role] ?? ThemeEntry() }

    /// A line of a theme file that could not be used.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public enum Kind: Equatable, Sendable {
            case notAnEntry
            case unknownRole(String)
            case unknownWord(String)
            case tooManyColours
            case badColourSwitch(String)
            case repeatedRole(String)
        }
        public var line: Int
        public var kind: Kind

        public var message: String {
            switch kind {
            case .notAnEntry: return "expected `role = foreground [background] [bold] [underline] [reverse] [dim]`"
            case .unknownRole(let r):
                return "unknown role '\(r)' (roles: \(StyleRole.allCases.map(\.rawValue).joined(separator: ", ")))"
            case .unknownWord(let w):
                return
                    "unknown colour or attribute '\(w)' (colours: a name like red or bright-blue, 0–255, #RRGGBB; attributes: bold, underline, reverse, dim)"
            case .tooManyColours: return "at most two colours: a foreground and a background"
            case .badColourSwitch(let w): return "`colour` must be `none` or `yes`, not '\(w)'"
            case .repeatedRole(let r): return "role '\(r)' is set again; this line wins"
            }
        }

        public var description: String { "line \(line): \(message)" }
    }

    /// Parses a theme. Roles it does not mention look as in the default theme;
    /// a bad line is reported with its number and its role keeps that default look.
    public static func parse(_ text: String, name: String) -> (ColourTheme, [Problem]) {
        parse(text, name: name, base: BuiltInThemes.defaultTheme)
    }

    static func parse(_ text: String, name: String, base: ColourTheme) -> (ColourTheme, [Problem]) {
        var theme = base
        theme.name = name
        var problems: [Problem] = []
        var seen: Set<StyleRole> = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                problems.append(Problem(line: number, kind: .notAnEntry))
                continue
            }
            let key = line[..<eq].trimmingSpaces()
            let words = Self.words(line[line.index(after: eq)...])
            if key == "colour" || key == "color" {
                switch words.first {
                case "none", "no", "off": theme.usesColour = false
                case "yes", "on": theme.usesColour = true
                default: problems.append(Problem(line: number, kind: .badColourSwitch(words.first ?? "")))
                }
                continue
            }
            guard let role = StyleRole(rawValue: key) else {
                problems.append(Problem(line: number, kind: .unknownRole(key)))
                continue
            }
            var entry = ThemeEntry()
            var colours: [ThemeColour] = []
            var bad: Problem?
            for word in words {
                switch word {
                case "bold": entry.bold = true
                case "underline": entry.underline = true
                case "reverse": entry.reverse = true
                case "dim": entry.dim = true
                default:
                    if let c = ThemeColour(word: word) {
                        colours.append(c)
                    } else if bad == nil {
                        bad = Problem(line: number, kind: .unknownWord(word))
                    }
                }
            }
            if bad == nil && colours.count > 2 { bad = Problem(line: number, kind: .tooManyColours) }
            if bad == nil && words.isEmpty { bad = Problem(line: number, kind: .notAnEntry) }
            if let bad {
                problems.append(bad)
                continue
            }
            if colours.count > 0 { entry.foreground = colours[0] }
            if colours.count > 1 { entry.background = colours[1] }
            if !seen.insert(role).inserted { problems.append(Problem(line: number, kind: .repeatedRole(key))) }
            theme.entries[role] = entry
        }
        return (theme, problems)
    }

    /// The words after `=`, up to a comment (a `#` word that is not a `#RRGGBB` colour).
    private static func words(_ text: Substring) -> [String] {
        var out: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            if word.hasPrefix("#") && ThemeColour(word: String(word)) == nil { break }
            out.append(String(word))
        }
        return out
    }

    /// The names of the themes built into the binary.
    public static let builtInNames = BuiltInThemes.names

    /// A built-in theme by name (the default theme for an unknown name).
    public static func builtIn(_ name: String) -> ColourTheme {
        BuiltInThemes.themes[name] ?? BuiltInThemes.defaultTheme
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
