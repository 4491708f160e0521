/// Decodes raw terminal input (UTF-8 text and VT/xterm escape sequences)
/// into keys. Pure and total: any byte sequence decodes, every step consumes
/// at least one byte, so it can be fuzzed headlessly. ncurses input goes
/// through `Terminal.readKey`, which uses the same rules for what ncurses
/// leaves undecoded.
public struct KeyDecoder: Sendable {
    /// The longest escape sequence looked at; anything longer is `.unknown`.
    static let maxSequence = 32

    public init() {}

    /// Every key in `bytes`, in order. A sequence cut short at the end of the
    /// input is read as Esc followed by its characters.
    public func decode(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let (key, used) = next(bytes, from: i)
            keys.append(key)
            i += max(1, used)
        }
        return keys
    }

    /// The key for one scalar as ncurses delivers it (already UTF-8 decoded).
    public func decodeScalar(_ v: UInt32) -> Key {
        if v < 0x80 { return next([UInt8(v)], from: 0).0 }
        guard let s = Unicode.Scalar(v), !(0x80...0x9F).contains(v) else { return .unknown(Int(v)) }
        return .char(Character(s))
    }

    /// The key starting at `i` and how many bytes it used.
    func next(_ bytes: [UInt8], from i: Int) -> (Key, Int) {
        let b = bytes[i]
        switch b {
        case 0x1B: return escape(bytes, from: i)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x09: return (.tab, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x00: return (.ctrl(" "), 1)
        case 0x01...0x1A: return (.ctrl(Character(Unicode.Scalar(b + 0x60))), 1)
        case 0x1C: return (.ctrl("\\"), 1)
        case 0x1D: return (.ctrl("]"), 1)
        case 0x1E: return (.ctrl("^"), 1)
        case 0x1F: return (.ctrl("_"), 1)
        case 0x20...0x7E: return (.char(Character(Unicode.Scalar(b))), 1)
        default:
            let (scalar, used) = utf8Scalar(bytes, from: i)
            guard let scalar else { return (.unknown(Int(b)), used) }
            return (decodeScalar(scalar.value), used)
        }
    }

    private func utf8Scalar(_ bytes: [UInt8], from i: Int) -> (Unicode.Scalar?, Int) {
        let b = bytes[i]
        let length = b >= 0xF8 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        guard length > 1, i + length <= bytes.count else { return (nil, 1) }
        var decoder = UTF8()
        var iterator = bytes[i..<(i + length)].makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return (s, length) }
        return (nil, 1)
    }

    private func escape(_ bytes: [UInt8], from i: Int) -> (Key, Int) {
        guard i + 1 < bytes.count else { return (.escape, 1) }
        let introducer = bytes[i + 1]
        if introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") {
            // Nothing after ESC [ : Alt-[ (ESC O alone is Alt-O).
            guard i + 2 < bytes.count else { return (.alt(Character(Unicode.Scalar(introducer))), 2) }
            // CSI / SS3: parameter bytes, then a final byte in 0x40...0x7E.
            var j = i + 2
            while j < bytes.count, (0x20...0x3F).contains(bytes[j]) {
                j += 1
                if j - i >= Self.maxSequence { return (.unknown(0x1B), j - i) }
            }
            guard j < bytes.count, (0x40...0x7E).contains(bytes[j]) else { return (.escape, 1) }
            let params = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
            return (csi(final: bytes[j], params: params), j - i + 1)
        }
        if (0x20...0x7E).contains(introducer) { return (.alt(Character(Unicode.Scalar(introducer))), 2) }
        if introducer >= 0xC0 {
            let (scalar, used) = utf8Scalar(bytes, from: i + 1)
            if let scalar, case .char(let c) = decodeScalar(scalar.value) { return (.alt(c), 1 + used) }
        }
        return (.escape, 1)
    }

    /// The key for a CSI/SS3 sequence. Modifiers (`1;5A` is Ctrl-Up) are dropped:
    /// the console has no bindings that need them.
    private func csi(final: UInt8, params: String) -> Key {
        let numbers = params.split(separator: ";").map { Int($0) }
        let first = numbers.first.flatMap { $0 }
        switch Character(Unicode.Scalar(final)) {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "M": return .enter // keypad Enter in application mode (ESC O M)
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "~":
            switch first ?? 0 {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case let n where (11...15).contains(n): return .function(n - 10)
            case let n where (17...21).contains(n): return .function(n - 11)
            case let n where (23...26).contains(n): return .function(n - 12)
            case let n where (28...29).contains(n): return .function(n - 13)
            case let n where (31...34).contains(n): return .function(n - 14)
            case let n: return .unknown(n)
            }
        default: return .unknown(Int(final))
        }
    }
}
