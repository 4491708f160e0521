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
    static let tagCount = 1 + 2 * labels.count
    /// Hashed feature buckets (a power of two).
    static let bucketBits = 18
    static let buckets = 1 << bucketBits
    /// Training settings: part of the committed weights' identity (docs/privacy.md).
    public static let defaultEpochs = 10
    public static let defaultSeed: UInt64 = 0x00C0_FFEE_5EED_0018
    /// Averaged weights smaller than this (in units of one perceptron update) are dropped from the file.
    static let pruneBelow: Float = 0.05

    /// Emission weights, `bucket * tagCount + tag`, scaled by `scale`: the dense table, made again when asked.
    var weights: [Int16] {
        var dense = [Int16](repeating: 0, count: Self.buckets * Self.tagCount)
        for (bucket, row) in rowOf.enumerated() where row != 0 {
            for t in 0..<Self.tagCount { dense[bucket * Self.tagCount + t] = rows[Int(row) * Self.tagCount + t] }
        }
        return dense
    }
    /// The weights as held: a bucket's row of `tagCount` weights in `rows`, row 0 all zeros for a bucket with none.
    /// About 2% of the dense table's 2.4 million weights are non-zero, so this is 1.4 MB where it was 4.7 MB, and the
    /// smaller working set labels faster (issue 20's 64 MiB in an export; issue 18's scan throughput).
    let rowOf: [UInt32]
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
        var rowOf = [UInt32](repeating: 0, count: Self.buckets)
        var rows = [Int16](repeating: 0, count: tagN)
        for bucket in 0..<Self.buckets {
            let row = weights[(bucket * tagN)..<((bucket + 1) * tagN)]
            guard row.contains(where: { $0 != 0 }) else { continue }
            rowOf[bucket] = UInt32(rows.count / tagN)
            rows += row
        }
        self.rowOf = rowOf
        self.rows = rows
        self.scale = scale
        self.transitions = transitions
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in encoded ?? Self.encode(weights: weights, scale: scale, transitions: transitions) {
            hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3
        }
        contentHash = hash
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
    struct Features {
        var buckets: [Int32] = []
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

    /// The features of every token of a text. `lists` and `vocab` are the scanner's per-token look-ups.
    static func features(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> Features {
        let n = tokens.count
        var word = [UInt64](repeating: 0, count: n)
        var shapes = [UInt64](repeating: 0, count: n)
        var listBits = [UInt64](repeating: 0, count: n)
        var vocabBits = [UInt32](repeating: 0, count: n)
        var age = [Bool](repeating: false, count: n)
        var pre2 = [UInt64](repeating: 0, count: n)
        var pre3 = [UInt64](repeating: 0, count: n)
        var suf2 = [UInt64](repeating: 0, count: n)
        var suf3 = [UInt64](repeating: 0, count: n)
        for (i, t) in tokens.enumerated() {
            let bytes = Array(t.key.utf8)
            word[i] = fnv(bytes)
            shapes[i] = shape(t)
            var l = UInt64(lists[i].rawValue)
            if t.kind == .word && lists[i].isDisjoint(with: .anyKnown) { l |= 1 << 8 }
            listBits[i] = l
            vocabBits[i] = vocab[i].rawValue
            if t.kind == .number, t.digits <= 3, let v = Int(t.key), v <= 110 { age[i] = true }
            if t.kind == .word, bytes.count > 3 {
                pre2[i] = fnv(bytes.prefix(2))
                pre3[i] = fnv(bytes.prefix(3))
                suf2[i] = fnv(bytes.suffix(2))
                suf3[i] = fnv(bytes.suffix(3))
            }
        }
        // Outside the text: distinct constants for before the start and after the end.
        func w(_ i: Int) -> UInt64 { i < 0 ? 0xB05 : i >= n ? 0xE05 : word[i] }
        func s(_ i: Int) -> UInt64 { i < 0 ? 30 : i >= n ? 31 : shapes[i] }
        func l(_ i: Int) -> UInt64 { i < 0 || i >= n ? 1 << 9 : listBits[i] }
        func v(_ i: Int) -> UInt32 { i < 0 || i >= n ? 0 : vocabBits[i] }
        func a(_ i: Int) -> UInt64 { i < 0 || i >= n ? 2 : age[i] ? 1 : 0 }
        var out = Features()
        out.buckets.reserveCapacity(n * 48)
        out.offsets.reserveCapacity(n + 1)
        let mask = UInt64(buckets - 1)
        for i in 0..<n {
            let t = tokens[i]
            @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
                out.buckets.append(Int32(truncatingIfNeeded: mix(template, value) & mask))
            }
            add(0, 0)
            add(1, w(i))
            if pre2[i] != 0 {
                add(2, pre2[i])
                add(3, pre3[i])
                add(4, suf2[i])
                add(5, suf3[i])
            }
            add(6, s(i))
            add(7, l(i))
            var bits = v(i)
            while bits != 0 {
                add(8, UInt64(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            add(9, w(i - 1))
            add(10, w(i + 1))
            add(11, w(i - 2))
            add(12, w(i + 2))
            add(13, s(i - 1))
            add(14, s(i + 1))
            add(15, mix(w(i - 1), w(i)))
            add(16, mix(w(i), w(i + 1)))
            add(17, l(i - 1))
            add(18, l(i + 1))
            bits = v(i - 1)
            while bits != 0 {
                add(19, UInt64(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            bits = v(i + 1)
            while bits != 0 {
                add(20, UInt64(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
            add(21, s(i) << 4 | (t.lineStart ? 2 : 0) | (t.sentenceStart ? 1 : 0))
            add(22, s(i) << 4 | a(i - 1) << 2 | a(i + 1))
            add(23, s(i) << 12 | l(i))
            let joinedBefore: UInt64 = i > 0 && !t.spaceBefore ? 1 : 0
            let joinedAfter: UInt64 = i + 1 < n && !tokens[i + 1].spaceBefore ? 1 : 0
            add(24, s(i) << 4 | joinedBefore << 1 | joinedAfter)
            add(25, s(i - 1) << 16 | s(i) << 8 | s(i + 1))
            add(26, mix(w(i - 1), s(i)))
            add(27, mix(s(i), w(i + 1)))
            add(28, mix(w(i - 2), w(i - 1)))
            add(29, mix(w(i + 1), w(i + 2)))
            add(30, mix(l(i - 1), l(i)) ^ s(i))
            add(31, mix(w(i - 1), l(i)))
            out.offsets.append(out.buckets.count)
        }
        return out
    }

    // MARK: Decoding

    /// The best tag sequence (Viterbi, with I-X only after B-X or I-X) for per-token scores `emit[i * tagCount + t]`.
    static func viterbi(_ emit: [Float], count n: Int, transitions: [Float]) -> [Int] {
        let tagN = tagCount
        guard n > 0 else { return [] }
        var score = [Float](repeating: -.infinity, count: n * tagN)
        var back = [Int](repeating: 0, count: n * tagN)
        for t in 0..<tagN where allowed(-1, t) { score[t] = emit[t] + transitions[t] }
        for i in 1..<max(n, 1) {
            for t in 0..<tagN {
                var best: Float = -.infinity
                var arg = 0
                for p in 0..<tagN where allowed(p, t) {
                    let s = score[(i - 1) * tagN + p] + transitions[(p + 1) * tagN + t]
                    if s > best {
                        best = s
                        arg = p
                    }
                }
                score[i * tagN + t] = best + emit[i * tagN + t]
                back[i * tagN + t] = arg
            }
        }
        var tags = [Int](repeating: 0, count: n)
        var last = 0
        for t in 1..<tagN where score[(n - 1) * tagN + t] > score[(n - 1) * tagN + last] { last = t }
        tags[n - 1] = last
        var i = n - 1
        while i > 0 {
            tags[i - 1] = back[i * tagN + tags[i]]
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

    /// The labelled runs of a text's tokens.
    func label(_ tokens: [Token], lists: [Gazetteer.Lists], vocab: [TokenVocab]) -> [Run] {
        guard !tokens.isEmpty else { return [] }
        let f = Self.features(tokens, lists: lists, vocab: vocab)
        let tagN = Self.tagCount
        var emit = [Float](repeating: 0, count: tokens.count * tagN)
        var sums = [Int32](repeating: 0, count: tagN)
        rows.withUnsafeBufferPointer { w in
            for i in 0..<tokens.count {
                for t in 0..<tagN { sums[t] = 0 }
                for k in f.offsets[i]..<f.offsets[i + 1] {
                    let base = Int(rowOf[Int(f.buckets[k])]) * tagN
                    for t in 0..<tagN { sums[t] &+= Int32(w[base + t]) }
                }
                for t in 0..<tagN { emit[i * tagN + t] = Float(sums[t]) * scale }
            }
        }
        let tags = Self.viterbi(emit, count: tokens.count, transitions: transitions)
        return Self.runs(tags, emit: emit)
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

    /// Trains on `examples`: `epochs` passes in an order shuffled by `seed`, structured perceptron updates where the
    /// decoded tags differ from the gold ones, weights averaged over every step, tiny ones pruned, then quantised.
    /// The same examples, epochs and seed give the same weights, byte for byte.
    public static func train(
        _ examples: [LabellerExample], epochs: Int = defaultEpochs, seed: UInt64 = defaultSeed
    ) -> SequenceLabeller {
        let tagN = tagCount
        let gazetteer = Gazetteer.shared
        var data: [(features: Features, gold: [Int])] = []
        for e in examples {
            let tokens = Tokeniser.tokenise(Array(e.text.unicodeScalars))
            guard !tokens.isEmpty else { continue }
            let lists = tokens.map { $0.kind == .punct ? Gazetteer.Lists() : gazetteer.lists($0.key) }
            let vocab = tokens.map { TokenVocab.of($0.key) }
            data.append((features(tokens, lists: lists, vocab: vocab), goldTags(tokens, e.spans)))
        }
        var w = [Float](repeating: 0, count: buckets * tagN)
        // Σ step × update, for the average; Double, so the sums of tens of thousands of steps stay exact.
        var u = [Double](repeating: 0, count: buckets * tagN)
        var tr = [Float](repeating: 0, count: (tagN + 1) * tagN)
        var trU = [Double](repeating: 0, count: (tagN + 1) * tagN)
        var step: Double = 1
        var rng = SeededGenerator(state: seed)
        var order = Array(data.indices)
        for _ in 0..<epochs {
            order.shuffle(using: &rng)
            for index in order {
                let (f, gold) = data[index]
                let n = gold.count
                var emit = [Float](repeating: 0, count: n * tagN)
                for i in 0..<n {
                    for k in f.offsets[i]..<f.offsets[i + 1] {
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
                            for k in f.offsets[i]..<f.offsets[i + 1] {
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
        var weights = [Int16](repeating: 0, count: Self.buckets * tagN)
        guard at + count * 6 <= bytes.count else { throw LabellerWeightsError.truncated }
        for _ in 0..<count {
            let k = Int(try u32())
            guard k < weights.count else { throw LabellerWeightsError.notAWeightsFile }
            weights[k] = Int16(bitPattern: UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8)
            at += 2
        }
        self.init(weights: weights, scale: scale, transitions: transitions, encoded: bytes)
    }
}
