/// A statistical sequence labeller: evidence of a different kind from the rules. An averaged structured perceptron
/// over BIO tags for PERSON, LOCATION, ORGANISATION_LOCAL and AGE, reading the scanner's own tokens with hashed
/// features (the word, its prefixes and suffixes, its shape, the gazetteer's lists and the recognisers' word sets,
/// the words and shapes around it), decoded with Viterbi. It learns context shapes (a name-word where a name stands,
/// a bare age after a name in a note) from the labelled corpora instead of one rule each.
/// Training (`SequenceLabeller.train`, run by `convene-bench train-labeller`) is deterministic: a fixed seed for the
/// shuffling, fixed epochs, hashes that do not depend on the process. Its output, Labeller/labeller-weights.bin, is
/// loaded once, lazily, like the gazetteer. Labelling is pure.
import Foundation
import SessionModel

/// One labelled text to train on: the text and its identifier spans (Unicode scalar offsets, end exclusive).
public struct LabellerExample: Sendable {
    public var text: String
    public var spans: [(start: Int, end: Int, label: IdentifierLabel)]
    public init(text: String, spans: [(start: Int, end: Int, label: IdentifierLabel)]) {
        self.text = text
        self.spans = spans
    }
}

/// Why a weights file could not be read.
public enum LabellerWeightsError: Error, Equatable, CustomStringConvertible {
    case notAWeightsFile
    case truncated

    public var description: String {
        switch self {
        case .notAWeightsFile: return "The file is not a sequence labeller's weights file."
        case .truncated: return "The sequence labeller's weights file ends before its last weight."
        }
    }
}

/// The trained labeller: quantised emission weights in a hashed table, and tag-to-tag transition weights.
/// Immutable, so one instance is shared by every scanner.
public final class SequenceLabeller: Sendable {
    /// The labels it tags; the others are left to the check-digit and pattern rules, which serve them well.
    static let labels: [IdentifierLabel] = [.person, .location, .organisationLocal, .age]
    /// O, then B and I for each label.
    /// Nine: labelling sums a token's nine scores in registers, written out one by one (`label`).
    static let tagCount = 1 + 2 * labels.count
    /// Hashed feature buckets (a power of two).
    static let bucketBits = 18
    static let buckets = 1 << bucketBits
    /// Training settings: part of the committed weights' identity (docs/privacy.md).
    public static let defaultEpochs = 10
    public static let defaultSeed: UInt64 = 0x00C0_FFEE_5EED_0018
    /// No word dropout, for now (`train`).
    public static let defaultWordDropout: Double = 0
    public static let defaultDropAffixes = false
    /// Averaged weights smaller than this (in units of one perceptron update) are dropped from the file.
    static let pruneBelow: Float = 0.05

    /// Emission weights, `bucket * tagCount + tag`, scaled by `scale`: the dense table, made again when asked.
    var weights: [Int16] {
        var dense = [Int16](repeating: 0, count: Self.buckets * Self.tagCount)
        for bucket in 0..<Self.buckets {
            guard let row = row(of: bucket) else { continue }
            for t in 0..<Self.tagCount { dense[bucket * Self.tagCount + t] = rows[row * Self.tagCount + t] }
        }
        return dense
    }
    /// The weights as held: the buckets that have any weight, one bit each (`present`, 32 KB), the rows before each
    /// 64 buckets (`rowsBefore`, 16 KB), and their rows of `tagCount` weights in bucket order (`rows`). About 2% of
    /// the dense table's 2.4 million weights are non-zero. A look-up reads the small bit table, which stays in the
    /// cache, and touches a row only for a bucket that has one: a table of a row number per bucket (1 MB) missed the
    /// cache on nearly every feature, and that wait was most of the labeller's time (issue 18's scan throughput).
    let present: [UInt64]
    let rowsBefore: [UInt32]
    let rows: [Int16]
    let scale: Float
    /// `transitions[(previous + 1) * tagCount + tag]`; previous −1 is the start of the text.
    let transitions: [Float]
    /// FNV-1a over the encoded weights: part of a kept scan's identity (ScanMemo.swift).
    public let contentHash: UInt64

    /// `encoded`: the weights file's bytes when they are at hand (hashed as they are; encoding the table again to
    /// hash it cost about 40 ms at start-up).
    init(weights: [Int16], scale: Float, transitions: [Float], encoded: [UInt8]? = nil) {
        let tagN = Self.tagCount
        var present = [UInt64](repeating: 0, count: Self.buckets / 64)
        var rowsBefore = [UInt32](repeating: 0, count: Self.buckets / 64)
        var rows: [Int16] = []
        for bucket in 0..<Self.buckets {
            if bucket % 64 == 0 { rowsBefore[bucket / 64] = UInt32(rows.count / tagN) }
            let row = weights[(bucket * tagN)..<((bucket + 1) * tagN)]
            guard row.contains(where: { $0 != 0 }) else { continue }
            present[bucket / 64] |= 1 << UInt64(bucket % 64)
            rows += row
        }
        self.present = present
        self.rowsBefore = rowsBefore
        self.rows = rows
        self.scale = scale
        self.transitions = transitions
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in encoded ?? Self.encode(weights: weights, scale: scale, transitions: transitions) {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        contentHash = hash
    }

    /// The held form made already (`init(encoded:)`); `rowsBefore` is counted from `present`.
    private init(present: [UInt64], rows: [Int16], scale: Float, transitions: [Float], contentHash: UInt64) {
        var rowsBefore = [UInt32](repeating: 0, count: present.count)
        var before: UInt32 = 0
        for w in present.indices {
            rowsBefore[w] = before
            before += UInt32(present[w].nonzeroBitCount)
        }
        self.present = present
        self.rowsBefore = rowsBefore
        self.rows = rows
        self.scale = scale
        self.transitions = transitions
        self.contentHash = contentHash
    }

    /// The shipped weights (Sources/Privacy/Labeller/labeller-weights.bin), or nil when they are missing (reported
    /// once on stderr; the rules still run).
    public static let shared: SequenceLabeller? = {
        guard
            let url = Bundle.module.url(
                forResource: "labeller-weights", withExtension: "bin", subdirectory: "Labeller")
                ?? Bundle.module.url(forResource: "labeller-weights", withExtension: "bin"),
            let data = try? Data(contentsOf: url),
            let labeller = try? SequenceLabeller(encoded: [UInt8](data))
        else {
            FileHandle.standardError.write(
                Data("convene: the sequence labeller's weights (Privacy/Labeller) were not found; rules only\n".utf8))
            return nil
        }
        return labeller
    }()

    // MARK: Tags

    @inline(__always) static func begin(_ k: Int) -> Int { 1 + 2 * k }
    @inline(__always) static func inside(_ k: Int) -> Int { 2 + 2 * k }
    /// The label index of a tag (nil for O).
    @inline(__always) static func labelIndex(_ tag: Int) -> Int? { tag == 0 ? nil : (tag - 1) / 2 }
    /// I-X may only follow B-X or I-X.
    @inline(__always) static func allowed(_ previous: Int, _ tag: Int) -> Bool {
        guard tag > 0, tag % 2 == 0 else { return true }
        return previous == tag || previous == tag - 1
    }

    /// Gold tags for tokens: a token overlapping a span takes its label, B on the first such token.
    static func goldTags(_ tokens: [Token], _ spans: [(start: Int, end: Int, label: IdentifierLabel)]) -> [Int] {
        var tags = Array(repeating: 0, count: tokens.count)
        for span in spans {
            guard let k = labels.firstIndex(of: span.label) else { continue }
            var first = true
            for (i, t) in tokens.enumerated() where t.start < span.end && span.start < t.end {
                tags[i] = first ? begin(k) : inside(k)
                first = false
            }
        }
        return tags
    }

    // MARK: Features

    /// Each token's hashed feature buckets, flattened: token `i`'s are `buckets[offsets[i]..<offsets[i + 1]]`.
    /// Training keeps them; labelling adds each bucket's row as it is made (`forEachFeature`, the one place both
    /// read), so a trained model and the scanner always agree.
    struct Features {
        var buckets: [Int32] = []
        /// What each feature reads (`FeatureKind`), so training can leave a token's own word out.
        var kinds: [FeatureKind] = []
        var offsets: [Int] = [0]
    }

    /// FNV-1a over bytes.
    @inline(__always) static func fnv<S: Sequence>(_ bytes: S, _ seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where S.Element == UInt8 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// A 64-bit mix of two values (SplitMix64's finaliser): process-independent, unlike `Hasher`.
    @inline(__always) static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B3_E50F)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A token's shape: kind, case and size.
    static func shape(_ t: Token) -> UInt64 {
        switch t.kind {
        case .punct: return 1
        case .number: return 2 + UInt64(min(t.digits, 5))
        case .alnum: return t.digits <= 2 ? 8 : 9
        case .word:
            let short: UInt64 = t.length <= 2 ? 16 : 0
            if t.allCaps { return 10 + short }
            // ASCII (nearly every token): a byte in A-Z is exactly an upper-case scalar, so the bytes answer what the
            // Unicode property look-ups below answer, without them (they were 3% of a scan).
            var ascii = true
            var upperFirst = false
            var upperAfterFirst = false
            var first = true
            for b in t.text.utf8 {
                if b >= 0x80 {
                    ascii = false
                    break
                }
                if b >= 65 && b <= 90 {
                    if first { upperFirst = true } else { upperAfterFirst = true }
                }
                first = false
            }
            if ascii {
                if t.capitalised { return (upperAfterFirst ? 11 : 12) + short }
                return (upperFirst || upperAfterFirst ? 13 : 14) + short
            }
            if t.capitalised {
                // Upper case inside after the first letter: McDonald, DeShawn.
                if t.text.unicodeScalars.dropFirst().contains(where: { $0.properties.isUppercase }) {
                    return 11 + short
                }
                return 12 + short
            }
            if t.text.unicodeScalars.contains(where: { $0.properties.isUppercase }) { return 13 + short }
            return 14 + short
        }
    }

    /// What a token's features are made from, worked out once per token: its word's hash and its affixes' (FNV-1a
    /// over the key's UTF-8, with no copy of the bytes), shape, list and word-set bits, whether it could be an age,
    /// and how it stands on its line.
    struct Basis {
        var word: UInt64 = 0
        var shape: UInt64 = 0
        /// The gazetteer's lists, with bit 8 for a word on none; bit 9 outside the text.
        var list: UInt64 = 0
        /// 1 for a number of 0–110 (three digits at most), 0 otherwise, 2 outside the text.
        var age: UInt64 = 0
        /// FNV-1a of the key's first two and three and last two and three bytes: 0 unless a word of 4+ bytes.
        var pre2: UInt64 = 0
        var pre3: UInt64 = 0
        var suf2: UInt64 = 0
        var suf3: UInt64 = 0
        var vocab: UInt32 = 0
        /// 1 when no space parts it from the token before (never for the first token).
        var joinedBefore: UInt64 = 0
        /// Bit 1: it starts a line; bit 0: it starts a sentence.
        var starts: UInt64 = 0
        /// The cue word sets (`cueSets`) any of the three tokens before it is on.
        var cuesBefore: UInt32 = 0
        /// 1 when its line has no upper-case letter.
        var lowerLine: UInt64 = 0
    }

    /// What a feature reads of the token itself: training can leave out a token's own word (`wordDropout`).
    enum FeatureKind: UInt8 {
        case context, word, affix
    }

    /// The word sets that cue a name or place a few words later ("known as", "moved to", "his mate").
    static let cueSets = TokenVocab.namingCues.union(.placePrepositions).union(.placeVerbs).union(.relations)
        .union(.titles).union(.personNouns).union(.roles).rawValue

    /// Distinct values for the two places before the start and after the end of the text.
    static let beforeText = Basis(word: 0xB05, shape: 30, list: 1 << 9, age: 2)
    static let afterText = Basis(word: 0xE05, shape: 31, list: 1 << 9, age: 2)

    /// The bases of a text's tokens, with two edge entries either side: token `i`'s is at `i + 2`.
    static func bases(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> [Basis] {
        let n = tokens.count
        var out = [Basis](filled: beforeText, count: n + 4)
        out[n + 2] = afterText
        out[n + 3] = afterText
        for i in 0..<n {
            let t = tokens[i]
            var b = Basis()
            let isWord = t.kind == .word
            var key = t.key
            key.withUTF8 { bytes in
                let count = bytes.count
                var h: UInt64 = 0xcbf2_9ce4_8422_2325
                for k in 0..<count {
                    h = (h ^ UInt64(bytes[k])) &* 0x100_0000_01b3
                    if k == 1 { b.pre2 = h } else if k == 2 { b.pre3 = h }
                }
                b.word = h
                if isWord, count > 3 {
                    b.suf2 = fnv(UnsafeBufferPointer(rebasing: bytes[(count - 2)...]))
                    b.suf3 = fnv(UnsafeBufferPointer(rebasing: bytes[(count - 3)...]))
                } else {
                    b.pre2 = 0
                    b.pre3 = 0
                }
            }
            b.shape = shape(t)
            b.list = UInt64(lists[i].rawValue)
            if isWord && lists[i].isDisjoint(with: .anyKnown) { b.list |= 1 << 8 }
            b.vocab = vocab[i].rawValue
            if t.kind == .number, t.digits <= 3, let v = Int(t.key), v <= 110 { b.age = 1 }
            b.joinedBefore = i > 0 && !t.spaceBefore ? 1 : 0
            b.starts = (t.lineStart ? 2 : 0) | (t.sentenceStart ? 1 : 0)
            out[i + 2] = b
        }
        // Context beyond two tokens (session 9, chosen by leave-one-corpus-out figures): the cue word sets up to
        // three tokens back ("known as", "moved back to", "his mate"), and whether the line is typed all in lower
        // case, where a name or place has no capital to tell it by.
        var lineFrom = 0
        var lower: UInt64 = 1
        var cueWindow: (UInt32, UInt32, UInt32) = (0, 0, 0)
        for i in 0..<n {
            let t = tokens[i]
            if t.lineStart && i > lineFrom {
                for k in lineFrom..<i { out[k + 2].lowerLine = lower }
                lineFrom = i
                lower = 1
            }
            if t.kind == .word, t.capitalised || t.allCaps { lower = 0 }
            out[i + 2].cuesBefore = cueWindow.0 | cueWindow.1 | cueWindow.2
            cueWindow = (cueWindow.1, cueWindow.2, out[i + 2].vocab & cueSets)
        }
        for k in lineFrom..<n { out[k + 2].lowerLine = lower }
        return out
    }

    /// Every feature bucket of the token whose basis `b` points at (`b[-2]`…`b[2]` are its neighbours or the
    /// text's edges), in a fixed order: training collects them, labelling adds their rows as they come.
    @inline(__always) static func forEachFeature(_ b: UnsafePointer<Basis>, _ body: (Int, FeatureKind) -> Void) {
        let mask = UInt64(buckets - 1)
        @inline(__always) func add(_ template: UInt64, _ value: UInt64, _ kind: FeatureKind = .context) {
            body(Int(mix(template, value) & mask), kind)
        }
        @inline(__always) func addBits(_ template: UInt64, _ vocab: UInt32) {
            var bits = vocab
            while bits != 0 {
                add(template, UInt64(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        let c = b[0]
        let p = b[-1]
        let q = b[1]
        let pp = b[-2]
        let qq = b[2]
        add(0, 0)
        add(1, c.word, .word)
        if c.pre2 != 0 {
            add(2, c.pre2, .affix)
            add(3, c.pre3, .affix)
            add(4, c.suf2, .affix)
            add(5, c.suf3, .affix)
        }
        add(6, c.shape)
        add(7, c.list)
        addBits(8, c.vocab)
        add(9, p.word)
        add(10, q.word)
        add(11, pp.word)
        add(12, qq.word)
        add(13, p.shape)
        add(14, q.shape)
        add(15, mix(p.word, c.word), .word)
        add(16, mix(c.word, q.word), .word)
        add(17, p.list)
        add(18, q.list)
        addBits(19, p.vocab)
        addBits(20, q.vocab)
        add(21, c.shape << 4 | c.starts)
        add(22, c.shape << 4 | p.age << 2 | q.age)
        add(23, c.shape << 12 | c.list)
        add(24, c.shape << 4 | c.joinedBefore << 1 | q.joinedBefore)
        add(25, p.shape << 16 | c.shape << 8 | q.shape)
        add(26, mix(p.word, c.shape))
        add(27, mix(c.shape, q.word))
        add(28, mix(pp.word, p.word))
        add(29, mix(q.word, qq.word))
        add(30, mix(p.list, c.list) ^ c.shape)
        add(31, mix(p.word, c.list))
        addBits(32, c.cuesBefore)
        // Templates 33–36 were tried (words in the window, items across list separators) and left out: no gain.
        add(37, c.lowerLine << 24 | c.shape << 12 | c.list)
    }

    /// The features of every token of a text (for training). `lists` and `vocab` are the scanner's per-token
    /// look-ups.
    static func features(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> Features {
        let n = tokens.count
        var out = Features()
        out.buckets.reserveCapacity(n * 48)
        out.offsets.reserveCapacity(n + 1)
        bases(tokens, lists: lists, vocab: vocab).withUnsafeBufferPointer { b in
            for i in 0..<n {
                forEachFeature(b.baseAddress! + i + 2) { bucket, kind in
                    out.buckets.append(Int32(truncatingIfNeeded: bucket))
                    out.kinds.append(kind)
                }
                out.offsets.append(out.buckets.count)
            }
        }
        return out
    }

    // MARK: Decoding

    /// The best tag sequence (Viterbi, with I-X only after B-X or I-X) for per-token scores `emit[i * tagCount + t]`.
    /// Two rows of scores and byte-sized back-pointers; the same additions and comparisons in the same order as
    /// ever, so the same tags.
    static func viterbi(_ emit: [Float], count n: Int, transitions: [Float]) -> [Int] {
        let tagN = tagCount
        guard n > 0 else { return [] }
        var back = [UInt8](filled: 0, count: n * tagN)
        var last = 0
        emit.withUnsafeBufferPointer { e in
            transitions.withUnsafeBufferPointer { tr in
                back.withUnsafeMutableBufferPointer { bp in
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * tagN) { rows in
                        var previous = rows.baseAddress!
                        var current = previous + tagN
                        for t in 0..<tagN { previous[t] = allowed(-1, t) ? e[t] + tr[t] : -.infinity }
                        for i in 1..<max(n, 1) {
                            for t in 0..<tagN {
                                var best: Float = -.infinity
                                var arg = 0
                                if t > 0 && t % 2 == 0 {
                                    // I-X may follow only B-X (t − 1) and I-X (t): those two, in the order the loop
                                    // below visits them, without asking `allowed` of the other seven.
                                    let b = previous[t - 1] + tr[t * tagN + t]
                                    if b > best {
                                        best = b
                                        arg = t - 1
                                    }
                                    let i = previous[t] + tr[(t + 1) * tagN + t]
                                    if i > best {
                                        best = i
                                        arg = t
                                    }
                                } else {
                                    for p in 0..<tagN {
                                        let s = previous[p] + tr[(p + 1) * tagN + t]
                                        if s > best {
                                            best = s
                                            arg = p
                                        }
                                    }
                                }
                                current[t] = best + e[i * tagN + t]
                                bp[i * tagN + t] = UInt8(arg)
                            }
                            swap(&previous, &current)
                        }
                        for t in 1..<tagN where previous[t] > previous[last] { last = t }
                    }
                }
            }
        }
        var tags = [Int](filled: 0, count: n)
        tags[n - 1] = last
        var i = n - 1
        while i > 0 {
            tags[i - 1] = Int(back[i * tagN + tags[i]])
            i -= 1
        }
        return tags
    }

    /// One labelled run of tokens: the label, the first and last token, and how far its tags outscored O
    /// (the emission margin summed over its tokens, in units of one perceptron update).
    struct Run {
        var label: IdentifierLabel
        var first: Int
        var last: Int
        var margin: Float
    }

    /// The runs of a tag sequence.
    static func runs(_ tags: [Int], emit: [Float]) -> [Run] {
        var out: [Run] = []
        let tagN = tagCount
        for (i, tag) in tags.enumerated() {
            guard let k = labelIndex(tag) else { continue }
            let m = emit[i * tagN + tag] - emit[i * tagN]
            if tag % 2 == 0, var run = out.last, run.last == i - 1, run.label == labels[k] {
                run.last = i
                run.margin += m
                out[out.count - 1] = run
            } else {
                out.append(Run(label: labels[k], first: i, last: i, margin: m))
            }
        }
        return out
    }

    /// The row of `bucket`'s weights, or nil for a bucket with none.
    @inline(__always) func row(of bucket: Int) -> Int? {
        let word = present[bucket >> 6]
        let bit = UInt64(1) << UInt64(bucket & 63)
        guard word & bit != 0 else { return nil }
        return Int(rowsBefore[bucket >> 6]) + (word & (bit &- 1)).nonzeroBitCount
    }

    /// The labelled runs of a text's tokens.
    func label(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> [Run] {
        guard !tokens.isEmpty else { return [] }
        let emit = emissions(tokens, lists: lists, vocab: vocab)
        let tags = Self.viterbi(emit, count: tokens.count, transitions: transitions)
        return Self.runs(tags, emit: emit)
    }

    /// Each token's score for each tag, `[i * tagCount + t]`: summed as its features are made (no feature list is
    /// kept), in integers, so the order of the adds cannot change a score.
    func emissions(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> [Float] {
        let n = tokens.count
        let tagN = Self.tagCount
        precondition(tagN == 9, "labelling sums nine tags")
        let basis = Self.bases(tokens, lists: lists, vocab: vocab)
        var emit = [Float](filled: 0, count: n * tagN)
        let scale = scale
        // Two passes: first every token's rows (the bit table answers from the cache), then the sums, whose row reads
        // (the loads that miss) then stand close together and overlap (issue 18's scan throughput).
        // Room for 31 features a token and one for each word-set bit of it and its neighbours (`forEachFeature`
        // today); more only costs a reallocation.
        var room = 31 * n
        for v in vocab { room += 3 * v.rawValue.nonzeroBitCount }
        // Written through a pointer: an array appended to from the closure below asked for uniqueness and capacity
        // at every feature (3% of a scan).
        var found = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(room, 64))
        defer { found.deallocate() }
        var count = 0
        var ends = [Int](filled: 0, count: n)
        basis.withUnsafeBufferPointer { b in
            present.withUnsafeBufferPointer { bits in
                rowsBefore.withUnsafeBufferPointer { before in
                    for i in 0..<n {
                        Self.forEachFeature(b.baseAddress! + i + 2) { bucket, _ in
                            let word = bits[bucket >> 6]
                            let bit = UInt64(1) << UInt64(bucket & 63)
                            guard word & bit != 0 else { return }
                            if count == found.count {
                                let bigger = UnsafeMutableBufferPointer<Int32>.allocate(capacity: found.count * 2)
                                _ = bigger.initialize(fromContentsOf: found)
                                found.deallocate()
                                found = bigger
                            }
                            found[count] = Int32(
                                truncatingIfNeeded: Int(before[bucket >> 6]) + (word & (bit &- 1)).nonzeroBitCount)
                            count += 1
                        }
                        ends[i] = count
                    }
                }
            }
        }
        do {
            let f = found
            rows.withUnsafeBufferPointer { w in
                emit.withUnsafeMutableBufferPointer { e in
                    var k = 0
                    for i in 0..<n {
                        // Nine sums in registers (a SIMD vector written lane by lane went through memory).
                        var s0: Int32 = 0
                        var s1: Int32 = 0
                        var s2: Int32 = 0
                        var s3: Int32 = 0
                        var s4: Int32 = 0
                        var s5: Int32 = 0
                        var s6: Int32 = 0
                        var s7: Int32 = 0
                        var s8: Int32 = 0
                        while k < ends[i] {
                            let r = w.baseAddress! + Int(f[k]) * 9
                            s0 &+= Int32(r[0])
                            s1 &+= Int32(r[1])
                            s2 &+= Int32(r[2])
                            s3 &+= Int32(r[3])
                            s4 &+= Int32(r[4])
                            s5 &+= Int32(r[5])
                            s6 &+= Int32(r[6])
                            s7 &+= Int32(r[7])
                            s8 &+= Int32(r[8])
                            k += 1
                        }
                        let o = e.baseAddress! + i * 9
                        o[0] = Float(s0) * scale
                        o[1] = Float(s1) * scale
                        o[2] = Float(s2) * scale
                        o[3] = Float(s3) * scale
                        o[4] = Float(s4) * scale
                        o[5] = Float(s5) * scale
                        o[6] = Float(s6) * scale
                        o[7] = Float(s7) * scale
                        o[8] = Float(s8) * scale
                    }
                }
            }
        }
        return emit
    }

    /// One span the labeller alone finds in a text, with its margin: for calibration and the cross-validation bench.
    public struct LabelledSpan: Equatable, Sendable {
        public var label: IdentifierLabel
        public var span: TextSpan
        /// How far its tags outscored "no identifier", summed over its tokens.
        public var margin: Float
    }

    /// The labeller's own runs in `text`, before any rule or check.
    public func spans(_ text: String) -> [LabelledSpan] {
        let tokens = Tokeniser.tokenise(Array(text.unicodeScalars))
        let gazetteer = Gazetteer.shared
        let lists = tokens.map { $0.kind == .punct ? Gazetteer.Lists() : gazetteer.lists($0.key) }
        return label(tokens, lists: lists, vocab: tokens.map { TokenVocab.of($0.key) }).map {
            LabelledSpan(
                label: $0.label, span: TextSpan(start: tokens[$0.first].start, end: tokens[$0.last].end),
                margin: $0.margin)
        }
    }

    // MARK: Training

    /// SplitMix64: a small seeded generator, so a training's shuffles are the same on every machine.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The order an epoch visits examples with these text hashes in: by a hash of each, the seed and the epoch (ties,
    /// the same text twice, in the order given). Removing or adding an example leaves the others' order as it was.
    static func epochOrder(_ keys: [UInt64], seed: UInt64, epoch: Int) -> [Int] {
        let salt = mix(seed, UInt64(epoch))
        let ranks = keys.map { mix($0, salt) }
        return keys.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
    }

    /// Trains on `examples`: `epochs` passes, structured perceptron updates where the decoded tags differ from the
    /// gold ones, weights averaged over every step, tiny ones pruned, then quantised. The same examples, epochs and
    /// seed give the same weights, byte for byte.
    /// Each epoch visits the examples in the order of a hash of their text, the seed and the epoch, not a shuffle of
    /// their positions: adding a corpus puts its examples among the others without reordering those, so a retrain
    /// with one corpus more makes mostly the same updates in the same order (fewer findings change).
    /// `wordDropout`: the share of word tokens whose own word (and its affixes) an update leaves out, chosen by hash
    /// per epoch, so the weights learn the context and shape a name stands in rather than the names seen.
    public static func train(
        _ examples: [LabellerExample], epochs: Int = defaultEpochs, seed: UInt64 = defaultSeed,
        wordDropout: Double = defaultWordDropout, dropAffixes: Bool = defaultDropAffixes, shuffled: Bool = false
    ) -> SequenceLabeller {
        let tagN = tagCount
        let gazetteer = Gazetteer.shared
        var data: [(features: Features, gold: [Int], key: UInt64, words: [Bool])] = []
        for e in examples {
            let tokens = Tokeniser.tokenise(Array(e.text.unicodeScalars))
            guard !tokens.isEmpty else { continue }
            let lists = tokens.map { $0.kind == .punct ? Gazetteer.Lists() : gazetteer.lists($0.key) }
            let vocab = tokens.map { TokenVocab.of($0.key) }
            data.append(
                (
                    features(tokens, lists: lists, vocab: vocab), goldTags(tokens, e.spans), fnv(e.text.utf8),
                    tokens.map { $0.kind == .word }
                ))
        }
        var w = [Float](repeating: 0, count: buckets * tagN)
        // Σ step × update, for the average; Double, so the sums of tens of thousands of steps stay exact.
        var u = [Double](repeating: 0, count: buckets * tagN)
        var tr = [Float](repeating: 0, count: (tagN + 1) * tagN)
        var trU = [Double](repeating: 0, count: (tagN + 1) * tagN)
        var step: Double = 1
        var rng = SeededGenerator(state: seed)
        var order = Array(data.indices)
        let dropBelow = UInt64(min(max(wordDropout, 0), 1) * Double(UInt64.max >> 11)) << 11
        let dropKinds: UInt8 = dropAffixes ? 6 : 2
        for epoch in 0..<epochs {
            if shuffled {
                order.shuffle(using: &rng)
            } else {
                order = epochOrder(data.map(\.key), seed: seed, epoch: epoch)
            }
            for index in order {
                let (f, gold, key, words) = data[index]
                let n = gold.count
                // Which tokens' own words this update leaves out.
                var drop = [Bool](repeating: false, count: n)
                if dropBelow > 0 {
                    let salt = mix(mix(key, seed), UInt64(epoch))
                    for i in 0..<n where words[i] { drop[i] = mix(salt, UInt64(i)) < dropBelow }
                }
                @inline(__always) func kept(_ i: Int, _ k: Int) -> Bool {
                    !drop[i] || dropKinds & (1 << f.kinds[k].rawValue) == 0
                }
                var emit = [Float](repeating: 0, count: n * tagN)
                for i in 0..<n {
                    for k in f.offsets[i]..<f.offsets[i + 1] where kept(i, k) {
                        let base = Int(f.buckets[k]) * tagN
                        for t in 0..<tagN { emit[i * tagN + t] += w[base + t] }
                    }
                }
                let predicted = viterbi(emit, count: n, transitions: tr)
                if predicted != gold {
                    for i in 0..<n {
                        let g = gold[i]
                        let p = predicted[i]
                        if g != p {
                            for k in f.offsets[i]..<f.offsets[i + 1] where kept(i, k) {
                                let base = Int(f.buckets[k]) * tagN
                                w[base + g] += 1
                                u[base + g] += step
                                w[base + p] -= 1
                                u[base + p] -= step
                            }
                        }
                        let gp = i == 0 ? 0 : gold[i - 1] + 1
                        let pp = i == 0 ? 0 : predicted[i - 1] + 1
                        if gp != pp || g != p {
                            tr[gp * tagN + g] += 1
                            trU[gp * tagN + g] += step
                            tr[pp * tagN + p] -= 1
                            trU[pp * tagN + p] -= step
                        }
                    }
                }
                step += 1
            }
        }
        // Averaged: w − u / step.
        var maxAbs: Float = 0
        for k in w.indices {
            var a = Float(Double(w[k]) - u[k] / step)
            if abs(a) < pruneBelow { a = 0 }
            w[k] = a
            maxAbs = max(maxAbs, abs(a))
        }
        let scale = maxAbs > 0 ? maxAbs / 32_767 : 1
        let quantised = w.map { Int16(($0 / scale).rounded()) }
        let transitions = tr.indices.map { Float(Double(tr[$0]) - trU[$0] / step) }
        return SequenceLabeller(weights: quantised, scale: scale, transitions: transitions)
    }

    // MARK: The weights file

    static let magic = Array("CVLB".utf8)
    static let formatVersion: UInt32 = 1

    /// The weights file: magic, version, bucket bits, tag count, scale, transitions, then each non-zero weight as
    /// (index, value), in index order: little-endian throughout.
    public func encoded() -> [UInt8] { Self.encode(weights: weights, scale: scale, transitions: transitions) }

    static func encode(weights: [Int16], scale: Float, transitions: [Float]) -> [UInt8] {
        var out = magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out += $0 } }
        u32(formatVersion)
        u32(UInt32(bucketBits))
        u32(UInt32(tagCount))
        u32(scale.bitPattern)
        for t in transitions { u32(t.bitPattern) }
        let nonZero = weights.indices.filter { weights[$0] != 0 }
        u32(UInt32(nonZero.count))
        for k in nonZero {
            u32(UInt32(k))
            withUnsafeBytes(of: weights[k].littleEndian) { out += $0 }
        }
        return out
    }

    /// Reads a weights file written by `encoded()`.
    public convenience init(encoded bytes: [UInt8]) throws {
        var at = 0
        func u32() throws -> UInt32 {
            guard at + 4 <= bytes.count else { throw LabellerWeightsError.truncated }
            let v =
                UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16
                | UInt32(bytes[at + 3]) << 24
            at += 4
            return v
        }
        guard bytes.count >= 4, Array(bytes[0..<4]) == Self.magic else { throw LabellerWeightsError.notAWeightsFile }
        at = 4
        guard try u32() == Self.formatVersion, try u32() == UInt32(Self.bucketBits),
            try u32() == UInt32(Self.tagCount)
        else { throw LabellerWeightsError.notAWeightsFile }
        let scale = Float(bitPattern: try u32())
        let tagN = Self.tagCount
        var transitions: [Float] = []
        for _ in 0..<((tagN + 1) * tagN) { transitions.append(Float(bitPattern: try u32())) }
        let count = Int(try u32())
        guard at + count * 6 <= bytes.count else { throw LabellerWeightsError.truncated }
        // The pairs come in index order (`encode`), so the held rows are made from them straight: filling the dense
        // table of 2.4 million weights and reading it back bucket by bucket was a tenth of start-up. A file out of
        // order takes the dense way below, which reads it as it always did.
        let pairsAt = at
        var present = [UInt64](repeating: 0, count: Self.buckets / 64)
        var rows: [Int16] = []
        rows.reserveCapacity(count * 2)
        var row = [Int16](repeating: 0, count: tagN)
        var rowBucket = -1
        var last = -1
        var ordered = true
        func endRow() {
            guard rowBucket >= 0 else { return }
            if row.contains(where: { $0 != 0 }) {
                present[rowBucket / 64] |= 1 << UInt64(rowBucket % 64)
                rows += row
            }
            for t in 0..<tagN { row[t] = 0 }
        }
        for _ in 0..<count {
            let k = Int(try u32())
            guard k < Self.buckets * tagN else { throw LabellerWeightsError.notAWeightsFile }
            guard k > last else {
                ordered = false
                break
            }
            last = k
            if k / tagN != rowBucket {
                endRow()
                rowBucket = k / tagN
            }
            row[k % tagN] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
            at += 2
        }
        if ordered {
            endRow()
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
            self.init(present: present, rows: rows, scale: scale, transitions: transitions, contentHash: hash)
            return
        }
        at = pairsAt
        var weights = [Int16](repeating: 0, count: Self.buckets * tagN)
        for _ in 0..<count {
            let k = Int(try u32())
            guard k < weights.count else { throw LabellerWeightsError.notAWeightsFile }
            weights[k] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
            at += 2
        }
        self.init(weights: weights, scale: scale, transitions: transitions, encoded: bytes)
    }
}

extension Array {
    /// `Array(repeating:count:)` by `reserveCapacity` and one append: the library's `init(repeating:count:)` makes
    /// its buffer in an unspecialised function that looks the storage type up at run time (some 650 instructions an
    /// array, seven arrays a scan).
    @inline(__always) init(filled value: Element, count: Int) {
        self.init()
        reserveCapacity(count)
        append(contentsOf: repeatElement(value, count: count))
    }
}
