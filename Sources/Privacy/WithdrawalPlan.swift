/// The withdrawal closure as a pure planner: which contributions a
/// participant's withdrawal erases, which it keeps and why, and which it lists
/// for a person to review. The stores (SessionStore, TeamStore) only carry out
/// a plan; they never decide what goes.
import Foundation
import SessionModel

/// A withdrawal as asked for.
public struct WithdrawalRequest: Sendable, Equatable {
    public var code: String
    /// The day the participant asked (YYYY-MM-DD); the window is judged on it.
    public var requestedOn: String
    public var cascade: Bool
    /// Set only when the lead overrides a closed window; recorded in the tombstone.
    public var overrideReason: String?
    /// Contributions that repeat the participant's words which the facilitator keeps, with the reason.
    public var keep: [KeptQuote]
    public init(
        code: String, requestedOn: String, cascade: Bool = false, overrideReason: String? = nil,
        keep: [KeptQuote] = []
    ) {
        self.code = code
        self.requestedOn = requestedOn
        self.cascade = cascade
        self.overrideReason = overrideReason
        self.keep = keep
    }
}

/// A contribution that repeats words of a contribution being withdrawn.
public struct QuoteMatch: Sendable, Equatable {
    /// The contribution that repeats the words.
    public var number: Int
    /// The withdrawn contribution whose words it repeats.
    public var quotes: Int
    /// How many words in a row the two share.
    public var sharedWords: Int
    /// True when the shared run sits inside quotation marks.
    public var quoted: Bool
    public init(number: Int, quotes: Int, sharedWords: Int, quoted: Bool) {
        self.number = number
        self.quotes = quotes
        self.sharedWords = sharedWords
        self.quoted = quoted
    }
}

/// Why a withdrawal cannot be planned.
public enum WithdrawalPlanError: Error, Equatable, CustomStringConvertible {
    case unknownParticipant(String)
    case alreadyWithdrawn(String)
    case keepNotAQuote(number: Int, quotes: [Int])
    case keepNeedsReason(Int)

    public var description: String {
        switch self {
        case .unknownParticipant(let c): return "there is no participant \(c) in this session"
        case .alreadyWithdrawn(let c): return "\(c) has already withdrawn; there is nothing left to erase"
        case .keepNotAQuote(let n, let quotes):
            let found =
                quotes.isEmpty ? "none was found" : "they are " + quotes.map { "#\($0)" }.joined(separator: ", ")
            return "#\(n) does not repeat the withdrawn words, so there is nothing to keep (\(found); see --dry-run)"
        case .keepNeedsReason(let n):
            return "keeping #\(n) needs a reason (--reason \"…\"); it is recorded in the journal"
        }
    }
}

/// What a withdrawal erases and keeps, decided from one state.
public struct WithdrawalPlan: Sendable, Equatable {
    public var request: WithdrawalRequest
    /// The number of events the state was folded from: a store that finds the
    /// journal has moved on plans again from the latest state.
    public var basedOnEventCount: Int
    /// Spoken or written by the participant (never whiteboard notes).
    public var own: [Int]
    /// Respond to one of theirs: reply-to, alignment, "responding to #N".
    public var directResponses: [Int]
    /// Repeat their words (a shared run of eight words, or five inside quotation marks).
    public var quotes: [QuoteMatch]
    /// Quotes the facilitator keeps, with the reason (not erased).
    public var keptQuotes: [KeptQuote]
    /// Further down the reply chains: erased only with `cascade`, else listed for review.
    public var chain: [Int]
    /// Whiteboard notes the closure reached: anonymous, so they stay.
    public var keptWhiteboard: [Int]
    /// Safeguarding concerns about the participant or an erased contribution: kept.
    public var concernsKept: [Int]
    /// The participant's real name, which leaves the linkage table (and every payload).
    public var realName: String?

    /// Every contribution the withdrawal erases, in order.
    public var erased: [Int] {
        let kept = Set(keptQuotes.map(\.number))
        let quoting = quotes.map(\.number).filter { !kept.contains($0) }
        let all = Set(own + directResponses + quoting + (request.cascade ? chain : []))
        return all.subtracting(keptWhiteboard).sorted()
    }

    /// Listed for the lead to review and not erased (the chain, unless cascading).
    public var chainForReview: [Int] { request.cascade ? [] : chain }

    /// Plans `request` against `state`. Pure: the same state gives the same plan.
    public static func make(_ request: WithdrawalRequest, state: SessionState) throws -> WithdrawalPlan {
        guard let person = state.participant(request.code) else {
            throw WithdrawalPlanError.unknownParticipant(request.code)
        }
        guard !person.withdrawn else { throw WithdrawalPlanError.alreadyWithdrawn(person.code) }
        let code = person.code
        let live = state.liveContributions
        let byNumber = Dictionary(uniqueKeysWithValues: live.map { ($0.number, $0) })
        // respondents[n]: the contributions that link to #n (either way, for alignment).
        var respondents: [Int: [Int]] = [:]
        for c in live {
            for n in Set(c.replyTo + Self.mentionedNumbers(c.text)) { respondents[n, default: []].append(c.number) }
            if let a = c.alignsWith {
                respondents[a, default: []].append(c.number)
                respondents[c.number, default: []].append(a)
            }
        }
        let own = live.filter { $0.speaker == code && $0.source != .whiteboard }.map(\.number)
        var seen = Set(own)
        var whiteboard = Set<Int>()
        // One step out from `targets`; whiteboard notes are noted, kept, and not followed.
        func step(_ targets: [Int]) -> [Int] {
            var out: [Int] = []
            for t in targets {
                for r in respondents[t] ?? [] where !seen.contains(r) {
                    guard let c = byNumber[r] else { continue }
                    seen.insert(r)
                    if c.source == .whiteboard { whiteboard.insert(r) } else { out.append(r) }
                }
            }
            return out
        }
        let direct = step(own)
        // Quotes: any other contribution that repeats the words of one being erased.
        let withdrawnTexts = own.compactMap { byNumber[$0] }.map { c in
            (c.number, [c.text] + c.history.map(\.previousText))
        }
        let index = QuoteIndex(withdrawnTexts)
        var quotes: [QuoteMatch] = []
        for c in live where !seen.contains(c.number) {
            guard let match = index.match(c.text) else { continue }
            if c.source == .whiteboard {
                whiteboard.insert(c.number)
                seen.insert(c.number)
                continue
            }
            quotes.append(
                QuoteMatch(number: c.number, quotes: match.source, sharedWords: match.words, quoted: match.quoted))
            seen.insert(c.number)
        }
        for k in request.keep {
            guard quotes.contains(where: { $0.number == k.number }) else {
                throw WithdrawalPlanError.keepNotAQuote(number: k.number, quotes: quotes.map(\.number))
            }
            guard !k.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw WithdrawalPlanError.keepNeedsReason(k.number)
            }
        }
        let keptNumbers = Set(request.keep.map(\.number))
        var chain: [Int] = []
        var frontier = direct + quotes.map(\.number).filter { !keptNumbers.contains($0) }
        while !frontier.isEmpty {
            frontier = step(frontier)
            chain += frontier
        }
        var plan = WithdrawalPlan(
            request: request, basedOnEventCount: state.eventCount, own: own,
            directResponses: direct.sorted(), quotes: quotes, keptQuotes: request.keep,
            chain: chain.sorted(), keptWhiteboard: whiteboard.sorted(), concernsKept: [],
            realName: state.linkage[code])
        let erasedSet = Set(plan.erased)
        plan.concernsKept = state.register.concerns.filter { c in
            c.participant == code || c.contributions.contains(where: erasedSet.contains)
        }.map(\.number)
        return plan
    }

    /// Numbers named as "responding to #N", "replying to #N" or "in reply to #N".
    static func mentionedNumbers(_ text: String) -> [Int] {
        let lower = text.lowercased()
        var out: [Int] = []
        for phrase in ["responding to #", "replying to #", "in reply to #"] {
            var rest = lower[...]
            while let r = rest.range(of: phrase) {
                let digits = rest[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
                if let n = Int(digits) { out.append(n) }
                rest = rest[r.upperBound...]
            }
        }
        return out
    }
}

/// Finds words one text repeats from another: a shared run of `plainRun`
/// words anywhere, or of `quotedRun` words inside quotation marks.
public enum QuoteFinder {
    public static let plainRun = 8
    public static let quotedRun = 5

    /// The first source whose words `text` repeats, with the longest shared run.
    static func match(_ text: String, against sources: [(Int, [String])]) -> (source: Int, words: Int, quoted: Bool)? {
        QuoteIndex(sources).match(text)
    }

    /// Lower-cased words (letters and digits; apostrophes inside words kept), accents folded.
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        var out: [String] = []
        var current = ""
        // A word never starts with an apostrophe (one is kept only inside a word); trailing ones go.
        func finish() {
            while current.last == "'" { current.removeLast() }
            if !current.isEmpty { out.append(current) }
            current = ""
        }
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if ch == "'" || ch == "’", !current.isEmpty {
                current.append("'")
            } else if !current.isEmpty {
                finish()
            }
        }
        finish()
        return out
    }

    /// The longest run of consecutive words `a` and `b` share.
    public static func longestSharedRun(_ a: [String], _ b: [String]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var best = 0
        for i in 1...a.count {
            var row = [Int](repeating: 0, count: b.count + 1)
            for j in 1...b.count where a[i - 1] == b[j - 1] {
                row[j] = previous[j - 1] + 1
                best = max(best, row[j])
            }
            previous = row
        }
        return best
    }

    /// Text between matching quotation marks: "…", “…”, «…», and '…' / ‘…’ when
    /// the marks stand at word edges (so an apostrophe in "don't" opens nothing).
    public static func quotedSegments(_ text: String) -> [String] {
        let chars = Array(text)
        let pairs: [Character: Character] = ["\"": "\"", "“": "”", "«": "»", "'": "'", "‘": "’", "„": "“"]
        var out: [String] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let close = pairs[c], c != "'" || i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                var j = i + 1
                while j < chars.count {
                    if chars[j] == close,
                        close != "'" || j + 1 == chars.count || !(chars[j + 1].isLetter || chars[j + 1].isNumber)
                    {
                        break
                    }
                    j += 1
                }
                if j < chars.count {
                    out.append(String(chars[(i + 1)..<j]))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }
}

/// The withdrawn texts, split into words once and indexed by every run of
/// `QuoteFinder.plainRun` words and of `QuoteFinder.quotedRun` words, so each
/// other contribution is compared only with the texts that share such a run
/// with it (a plain quote needs a shared run of eight, a quoted one a run of
/// five inside quotation marks). Comparing every contribution with every
/// withdrawn text, folding both each time, made a study withdrawal take minutes.
/// Gives exactly what the pairwise comparison gives, ties included
/// (`QuoteIndexTests` holds it to that).
struct QuoteIndex {
    /// One withdrawn text (a contribution's text or an earlier version of it), as word ids.
    private struct Entry {
        var number: Int
        var words: [Int]
    }
    /// A run of word ids.
    private typealias Gram = [Int]
    private var ids: [String: Int] = [:]
    private var entries: [Entry] = []
    /// Which entries hold each run of eight (plain) and of five (quoted) words: entry indices, ascending, once each.
    private var plainGrams: [Gram: [Int]] = [:]
    private var quotedGrams: [Gram: [Int]] = [:]

    init(_ sources: [(Int, [String])]) {
        for (number, texts) in sources {
            for text in texts {
                let words = QuoteFinder.words(text).map { word -> Int in
                    if let id = ids[word] { return id }
                    ids[word] = ids.count
                    return ids.count - 1
                }
                let k = entries.count
                entries.append(Entry(number: number, words: words))
                for g in Self.grams(words, QuoteFinder.plainRun) where plainGrams[g]?.last != k {
                    plainGrams[g, default: []].append(k)
                }
                for g in Self.grams(words, QuoteFinder.quotedRun) where quotedGrams[g]?.last != k {
                    quotedGrams[g, default: []].append(k)
                }
            }
        }
    }

    /// The first source whose words `text` repeats, with the longest shared run
    /// (as `QuoteFinder.match` defines it).
    func match(_ text: String) -> (source: Int, words: Int, quoted: Bool)? {
        let words = lookUp(QuoteFinder.words(text))
        guard words.count >= QuoteFinder.quotedRun else { return nil }
        let quotedParts = QuoteFinder.quotedSegments(text).map { lookUp(QuoteFinder.words($0)) }
            .filter { $0.count >= QuoteFinder.quotedRun }
        // Only these entries can reach either threshold; for any other both runs fall short.
        var candidates = Set<Int>()
        for g in Self.grams(words, QuoteFinder.plainRun) { if let hits = plainGrams[g] { candidates.formUnion(hits) } }
        for part in quotedParts {
            for g in Self.grams(part, QuoteFinder.quotedRun) {
                if let hits = quotedGrams[g] { candidates.formUnion(hits) }
            }
        }
        guard !candidates.isEmpty else { return nil }
        var buffer = RunBuffer()
        var best: (source: Int, words: Int, quoted: Bool)?
        for k in candidates.sorted() {
            let entry = entries[k]
            let plain = buffer.longestSharedRun(words, entry.words)
            let quoted = quotedParts.map { buffer.longestSharedRun($0, entry.words) }.max() ?? 0
            let found: (Int, Int, Bool)? =
                plain >= QuoteFinder.plainRun
                ? (entry.number, plain, false)
                : quoted >= QuoteFinder.quotedRun ? (entry.number, quoted, true) : nil
            if let found, found.1 > best?.words ?? 0 { best = found }
        }
        return best
    }

    /// Word ids; a word no withdrawn text has gets -1 (it matches nothing).
    private func lookUp(_ words: [String]) -> [Int] { words.map { ids[$0] ?? -1 } }

    /// Every run of `n` words that holds no unknown word.
    private static func grams(_ w: [Int], _ n: Int) -> [Gram] {
        guard w.count >= n else { return [] }
        return (0...(w.count - n)).compactMap { i in
            let run = w[i..<(i + n)]
            return run.contains(-1) ? nil : Array(run)
        }
    }
}

/// Two reusable rows for the longest-shared-run table (no allocation per comparison).
private struct RunBuffer {
    var previous: [Int] = []
    var row: [Int] = []

    mutating func longestSharedRun(_ a: [Int], _ b: [Int]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        if previous.count < b.count + 1 {
            previous = [Int](repeating: 0, count: b.count + 1)
            row = previous
        }
        for j in 0...b.count { previous[j] = 0 }
        var best = 0
        for i in 0..<a.count {
            row[0] = 0
            let x = a[i]
            for j in 0..<b.count {
                // -1 is a word no withdrawn text has: it never matches.
                let v = (x >= 0 && x == b[j]) ? previous[j] + 1 : 0
                row[j + 1] = v
                if v > best { best = v }
            }
            swap(&previous, &row)
        }
        return best
    }
}

/// Whether a console's unsent draft touches what a withdrawal erased: it names
/// the participant's code or real name, refers to an erased contribution
/// (`#12`), or repeats five words in a row of an erased text. Such a draft is
/// erased with the rest, and an open console drops it from memory.
public enum DraftErasure {
    public static func touches(
        _ draft: String, code: String?, names: [String], erasedNumbers: [Int],
        erasedTexts: [String]
    ) -> Bool {
        let trimmed = draft.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        let words = QuoteFinder.words(trimmed)
        if let code, words.contains(code.lowercased()) { return true }
        if !NameOccurrences.find(names, in: trimmed).isEmpty { return true }
        for n in erasedNumbers where trimmed.range(of: "#\(n)\\b", options: .regularExpression) != nil { return true }
        for text in erasedTexts
        where QuoteFinder.longestSharedRun(words, QuoteFinder.words(text)) >= QuoteFinder.quotedRun {
            return true
        }
        return false
    }
}
