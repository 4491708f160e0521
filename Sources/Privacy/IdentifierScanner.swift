/// Privacy owns finding identifiers in what people say: recognisers for UK
/// postcodes, phones, NHS numbers (with their check digit), NI numbers, emails,
/// dates of birth, ages that narrow a person down, vehicle registrations, case
/// references, handles, named local organisations and people (the session's own
/// names, titles and names in context). Offline and deterministic.
import Foundation
import SessionModel

/// One identifier found in a text: what it is and where (Unicode scalar offsets, end exclusive).
public struct Finding: Equatable, Sendable, Codable {
    public var label: IdentifierLabel
    public var span: TextSpan
    public var text: String
    public init(label: IdentifierLabel, span: TextSpan, text: String) { self.label = label; self.span = span; self.text = text }
}

/// Finds identifiers. Built once per session (its names), then cheap per text.
public struct IdentifierScanner: Sendable {
    private let sessionNames: [String]

    /// `names`: the session's real names and block-listed names.
    public init(names: [String] = []) {
        var all = Set<String>()
        for name in names {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard trimmed.count >= 2 else { continue }
            all.insert(trimmed)
            for part in trimmed.split(separator: " ") where part.count >= 3 { all.insert(String(part)) }
        }
        sessionNames = all.sorted { $0.count > $1.count }
    }

    public init(session: SessionState) {
        self.init(names: Array(session.linkage.values) + session.blocklist)
    }

    public func scan(_ text: String) -> [Finding] {
        var found: [Finding] = []
        let ns = text as NSString
        let whole = NSRange(location: 0, length: ns.length)
        for recogniser in Recognisers.all {
            for match in recogniser.regex.matches(in: text, range: whole) {
                let range = match.range(at: recogniser.group)
                guard range.location != NSNotFound, let r = Range(range, in: text) else { continue }
                let piece = String(text[r])
                if let check = recogniser.check, !check(piece) { continue }
                found.append(Finding(label: recogniser.label, span: Self.scalarSpan(text, r), text: piece))
            }
        }
        for name in sessionNames {
            var start = text.startIndex
            while let r = text.range(of: name, options: [.caseInsensitive, .diacriticInsensitive], range: start..<text.endIndex) {
                let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
                let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
                if before?.isLetter != true && after?.isLetter != true {
                    found.append(Finding(label: .person, span: Self.scalarSpan(text, r), text: String(text[r])))
                }
                start = r.upperBound
            }
        }
        return Self.resolveOverlaps(found)
    }

    static func scalarSpan(_ text: String, _ r: Range<String.Index>) -> TextSpan {
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
        let length = text.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound)
        return TextSpan(start: start, end: start + length)
    }

    /// Keeps the longest finding where two overlap, in text order.
    static func resolveOverlaps(_ findings: [Finding]) -> [Finding] {
        let sorted = findings.sorted { ($0.span.start, -($0.span.end - $0.span.start)) < ($1.span.start, -($1.span.end - $1.span.start)) }
        var kept: [Finding] = []
        for f in sorted {
            if let last = kept.last, f.span.start < last.span.end {
                if f.span.end - f.span.start > last.span.end - last.span.start { kept[kept.count - 1] = f }
                continue
            }
            kept.append(f)
        }
        return kept
    }
}

struct Recogniser: @unchecked Sendable {
    let label: IdentifierLabel
    let regex: NSRegularExpression
    let group: Int
    let check: (@Sendable (String) -> Bool)?
    init(_ label: IdentifierLabel, _ pattern: String, group: Int = 0, caseInsensitive: Bool = false, check: (@Sendable (String) -> Bool)? = nil) {
        self.label = label
        self.regex = try! NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        self.group = group
        self.check = check
    }
}

enum Recognisers {
    static let all: [Recogniser] = [
        // Full and outward-only UK postcodes (outward-only needs context: "in/near/at/from").
        Recogniser(.postcode, #"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b"#, caseInsensitive: true),
        Recogniser(.postcode, #"\b(?:in|near|at|from|around|postcode)\s+([A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\b"#, group: 1),
        Recogniser(.email, #"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b"#),
        Recogniser(.nhsNumber, #"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"#, check: NHSNumber.isValid),
        Recogniser(.phone, #"(?:\+44\s?|\b0)(?:7\d{3}|1\d{2,4}|2\d|3\d{2}|8\d{2})[\s-]?\d{3,4}[\s-]?\d{3,4}\b"#),
        Recogniser(.niNumber, #"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"#, caseInsensitive: true),
        Recogniser(.dateOfBirth, #"\b(?:born on|born|DOB|date of birth|d\.o\.b\.?)[:\s]+(\d{1,2}(?:st|nd|rd|th)?[ /.-](?:\d{1,2}|Jan\w*|Feb\w*|Mar\w*|Apr\w*|May|Jun\w*|Jul\w*|Aug\w*|Sep\w*|Oct\w*|Nov\w*|Dec\w*)[ /.-]\d{2,4})"#, group: 1, caseInsensitive: true),
        Recogniser(.age, #"\b(?:an?\s+)?(\d{1,2}[- ]year[- ]old(?:\s+(?:girl|boy|child|lad|young person|son|daughter))?)\b"#, group: 1, caseInsensitive: true),
        Recogniser(.vehicleReg, #"\b[A-Z]{2}\d{2} ?[A-Z]{3}\b"#),
        Recogniser(.caseRef, #"\b(?:case|crime|ref(?:erence)?|incident|CRN|job)(?:\s+(?:no\.?|number|ref))?[:#\s]+([A-Z]{0,4}[-/]?\d[\d/-]{3,})\b"#, group: 1, caseInsensitive: true),
        Recogniser(.handle, #"(?<![\w@])@[A-Za-z0-9_.]{3,30}\b"#),
        // A named local service: capitalised words before a school, surgery, home or team word.
        Recogniser(.organisationLocal, #"\b((?:St\.? |Saint )?(?:[A-Z][a-z'’]+ ){1,3}(?:Primary|Academy|High School|School|College|Surgery|Medical Centre|Health Centre|Children's Home|Children’s Home|Care Home|Youth Club|Pupil Referral Unit|PRU))\b"#, group: 1),
        // Titles with a surname, and names after a relationship word.
        Recogniser(.person, #"\b((?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? [A-Z][a-z'’-]+)\b"#, group: 1),
        Recogniser(.person, #"\b(?i:my|her|his|their|our|a|the)\s+(?i:colleague|son|daughter|brother|sister|mum|mother|dad|father|friend|boyfriend|girlfriend|client|student|pupil|foster carer|carer|nan|grandad|uncle|aunt|cousin|partner|child|manager)\s*,?\s+(?:called\s+|named\s+)?([A-Z][a-z'’-]+)\b"#, group: 1, caseInsensitive: false),
        Recogniser(.person, #"\b(?:called|named)\s+([A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?)\b"#, group: 1),
        Recogniser(.location, #"\b(\d{1,4}[A-Za-z]? (?:[A-Z][a-z]+ ){1,3}(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Court|Gardens|Place|Terrace|Grove|Hill))\b"#, group: 1),
        Recogniser(.location, #"\b((?:[A-Z][a-z]+ ){1,2}(?:Estate|estate))\b"#, group: 1),
    ]
}

/// NHS numbers: ten digits whose last is a Modulus 11 check digit.
public enum NHSNumber {
    public static func isValid(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 10 else { return false }
        let sum = zip(digits.prefix(9), (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
        let check = 11 - sum % 11
        if check == 10 { return false }
        return (check == 11 ? 0 : check) == digits[9]
    }
}
