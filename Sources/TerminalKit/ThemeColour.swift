/// A terminal colour in a theme: the terminal's default, one of the 16 named
/// colours, an xterm-256 palette number, or an exact `#RRGGBB` (shown as the
/// nearest colour the terminal has).
public enum ThemeColour: Equatable, Hashable, Sendable {
    case `default`
    /// 0–7 the basic colours, 8–15 their bright variants.
    case named(Int)
    /// An xterm-256 palette number, 0–255.
    case indexed(Int)
    case rgb(UInt8, UInt8, UInt8)

    public static let black = ThemeColour.named(0), red = ThemeColour.named(1), green = ThemeColour.named(2)
    public static let yellow = ThemeColour.named(3), blue = ThemeColour.named(4), magenta = ThemeColour.named(5)
    public static let cyan = ThemeColour.named(6), white = ThemeColour.named(7)
    public static let brightBlack = ThemeColour.named(8), brightRed = ThemeColour.named(9)
    public static let brightGreen = ThemeColour.named(10), brightYellow = ThemeColour.named(11)
    public static let brightBlue = ThemeColour.named(12), brightMagenta = ThemeColour.named(13)
    public static let brightCyan = ThemeColour.named(14), brightWhite = ThemeColour.named(15)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Reads a theme-file word: `default`, `red`, `bright-red`, `208`, `#E69F00`.
    public init?(word: String) {
        let w = word.lowercased()
        if w == "default" {
            self = .default
            return
        }
        if let n = Self.names.firstIndex(of: w) {
            self = .named(n)
            return
        }
        if w.hasPrefix("bright-"), let n = Self.names.firstIndex(of: String(w.dropFirst(7))) {
            self = .named(n + 8)
            return
        }
        if let n = Int(w), (0...255).contains(n) {
            self = .indexed(n)
            return
        }
        if w.hasPrefix("#"), w.count == 7, let v = UInt32(w.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
            return
        }
        return nil
    }

    /// The ncurses colour number on a terminal with `colours` colours
    /// (-1 is the terminal's own default). Colours the terminal lacks become
    /// the nearest one it has.
    public func cursesNumber(colours: Int) -> Int16 {
        switch self {
        case .default: return -1
        case .named(let n):
            if n < colours { return Int16(n) }
            return Int16(n % 8)
        case .indexed(let n):
            if n < colours { return Int16(n) }
            let (r, g, b) = Self.paletteRGB(n)
            return Self.nearest(r, g, b, colours: colours)
        case .rgb(let r, let g, let b):
            return Self.nearest(Int(r), Int(g), Int(b), colours: colours)
        }
    }

    /// Whether this colour, shown on a terminal with `colours` colours, lost its
    /// brightness (a bright named colour on an 8-colour terminal): bold stands in.
    func needsBoldForBrightness(colours: Int) -> Bool {
        if case .named(let n) = self { return n >= 8 && colours < 16 }
        return false
    }

    // The xterm default palette, used to find nearest colours.
    static let basicRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    static func paletteRGB(_ n: Int) -> (Int, Int, Int) {
        if n < 16 { return basicRGB[n] }
        if n < 232 {
            let i = n - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        }
        let level = 8 + (n - 232) * 10
        return (level, level, level)
    }

    static func nearest(_ r: Int, _ g: Int, _ b: Int, colours: Int) -> Int16 {
        let candidates = colours >= 256 ? Array(16..<256) : Array(0..<min(16, max(8, colours)))
        // Distance in RGB plus a chroma term, so a grey never becomes a strong
        // colour (plain RGB distance would turn mid-grey into yellow).
        let chroma = max(r, g, b) - min(r, g, b)
        var best = 0
        var bestDistance = Int.max
        for n in candidates {
            let (pr, pg, pb) = paletteRGB(n)
            let dc = (max(pr, pg, pb) - min(pr, pg, pb)) - chroma
            let d = (pr - r) * (pr - r) + (pg - g) * (pg - g) + (pb - b) * (pb - b) + dc * dc
            if d < bestDistance {
                best = n
                bestDistance = d
            }
        }
        return Int16(best)
    }
}

extension ThemeColour: CustomStringConvertible {
    /// The theme-file word for this colour.
    public var description: String {
        switch self {
        case .default: return "default"
        case .named(let n): return n < 8 ? Self.names[n] : "bright-" + Self.names[n - 8]
        case .indexed(let n): return String(n)
        case .rgb(let r, let g, let b):
            return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined()
        }
    }
}
