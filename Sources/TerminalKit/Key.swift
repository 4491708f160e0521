/// A key press, decoded once from the terminal.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown, insert
    case function(Int)
    case ctrl(Character)
    case alt(Character)
    case resize
    case unknown(Int)
}

/// Decodes raw terminal bytes (UTF-8 text and VT escape sequences) into keys.
/// Pure, so it can be fuzzed headlessly; ncurses input uses `Key.fromCurses`.
public struct KeyDecoder: Sendable {
    public init() {}

    public func decode(_ bytes: [UInt8]) -> [Key] {
        var keys: [Key] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x1B:
                let (key, used) = escape(bytes, from: i)
                keys.append(key); i += used
            case 0x0D, 0x0A: keys.append(.enter); i += 1
            case 0x09: keys.append(.tab); i += 1
            case 0x7F, 0x08: keys.append(.backspace); i += 1
            case 0x00: keys.append(.ctrl(" ")); i += 1
            case 0x01...0x1A: keys.append(.ctrl(Character(Unicode.Scalar(b + 0x60)))); i += 1
            case 0x1C...0x1F: keys.append(.unknown(Int(b))); i += 1
            case 0x20...0x7E: keys.append(.char(Character(Unicode.Scalar(b)))); i += 1
            default:
                let (scalar, used) = utf8Scalar(bytes, from: i)
                if let scalar { keys.append(.char(Character(scalar))) } else { keys.append(.unknown(Int(b))) }
                i += used
            }
        }
        return keys
    }

    private func utf8Scalar(_ bytes: [UInt8], from i: Int) -> (Unicode.Scalar?, Int) {
        let b = bytes[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        guard length > 1, i + length <= bytes.count else { return (nil, 1) }
        var decoder = UTF8()
        var iterator = bytes[i..<(i + length)].makeIterator()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return (s, length) }
        return (nil, 1)
    }

    private func escape(_ bytes: [UInt8], from i: Int) -> (Key, Int) {
        guard i + 1 < bytes.count else { return (.escape, 1) }
        let next = bytes[i + 1]
        if next == UInt8(ascii: "[") || next == UInt8(ascii: "O") {
            // CSI / SS3: parameters then a final byte in 0x40...0x7E.
            var j = i + 2
            var params = ""
            while j < bytes.count, (0x30...0x3F).contains(bytes[j]) || bytes[j] == 0x3B {
                params.append(Character(Unicode.Scalar(bytes[j]))); j += 1
                if j - i > 32 { return (.unknown(0x1B), j - i) }
            }
            guard j < bytes.count, (0x40...0x7E).contains(bytes[j]) else { return (.escape, 1) }
            let final = Character(Unicode.Scalar(bytes[j]))
            let used = j - i + 1
            switch final {
            case "A": return (.up, used)
            case "B": return (.down, used)
            case "C": return (.right, used)
            case "D": return (.left, used)
            case "H": return (.home, used)
            case "F": return (.end, used)
            case "Z": return (.backTab, used)
            case "P": return (.function(1), used)
            case "Q": return (.function(2), used)
            case "R": return (.function(3), used)
            case "S": return (.function(4), used)
            case "~":
                let n = Int(params.split(separator: ";").first ?? "") ?? 0
                switch n {
                case 1, 7: return (.home, used)
                case 2: return (.insert, used)
                case 3: return (.delete, used)
                case 4, 8: return (.end, used)
                case 5: return (.pageUp, used)
                case 6: return (.pageDown, used)
                case 11...15: return (.function(n - 10), used)
                case 17...21: return (.function(n - 11), used)
                case 23, 24: return (.function(n - 12), used)
                default: return (.unknown(n), used)
                }
            default: return (.unknown(Int(bytes[j])), used)
            }
        }
        if (0x20...0x7E).contains(next) { return (.alt(Character(Unicode.Scalar(next))), 2) }
        return (.escape, 1)
    }
}
