import Foundation
import Privacy
import SessionModel

/// The sequence labeller's training and its honest estimate (docs/privacy.md, "The sequence labeller").
///   convene-bench train-labeller [--out PATH] [--corpus DIR] [--epochs N] [--seed S]
///   convene-bench labeller-cv [--corpus DIR] [--epochs N] [--seed S] [--show]
///   convene-bench labeller-churn [--corpus DIR] [--add NAME]
///   convene-bench labeller-spans < TEXTS
/// The first two read the labelled development corpora (Tests/PrivacyTests/Corpus, from the package root).
enum LabellerBench {
    /// The development corpora, in a fixed order (the training order before shuffling).
    static let corpusNames = [
        "dev", "heldout", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8",
        "blind9", "blind10", "blind13", "blind14", "blind15", "blind16", "blind21", "blind22", "blind23", "blind24",
        "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34",
        "blind35", "blind36", "blind37", "blind38", "blind41", "blind42",
    ]

    struct Line {
        var id: String
        var text: String
        var spans: [(start: Int, end: Int, label: String, text: String)]
        var example: LabellerExample {
            LabellerExample(
                text: text,
                spans: spans.compactMap { s in IdentifierLabel(rawValue: s.label).map { (s.start, s.end, $0) } })
        }
    }

    struct Options {
        var out = "Sources/Privacy/Labeller/labeller-weights.bin"
        var corpus = "Tests/PrivacyTests/Corpus"
        var epochs = SequenceLabeller.defaultEpochs
        var seed = SequenceLabeller.defaultSeed
        /// Print each of the labeller's own findings in the cross-validation (development corpora only).
        var show = false
        /// The corpus `labeller-churn` adds to the others (the last one by default).
        var add = LabellerBench.corpusNames.last!

        init(_ args: [String]) {
            var k = 0
            while k < args.count {
                let value = k + 1 < args.count ? args[k + 1] : ""
                switch args[k] {
                case "--out": out = value
                case "--corpus": corpus = value
                case "--epochs": epochs = Int(value) ?? epochs
                case "--seed": seed = UInt64(value) ?? seed
                case "--add": add = value
                case "--show":
                    show = true
                    k -= 1
                default:
                    FileHandle.standardError.write(Data("convene-bench: unknown option '\(args[k])'\n".utf8))
                    exit(2)
                }
                k += 2
            }
        }
    }

    static func load(_ name: String, dir: String) -> [Line] {
        let path = "\(dir)/\(name).jsonl"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write(
                Data("convene-bench: \(path) was not found (run from the package root)\n".utf8))
            exit(1)
        }
        return text.split(separator: "\n").compactMap { raw in
            guard let obj = try? JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any],
                let id = obj["id"] as? String, let t = obj["text"] as? String,
                let spans = obj["spans"] as? [[String: Any]]
            else { return nil }
            return Line(
                id: id, text: t,
                spans: spans.compactMap { s in
                    guard let a = s["start"] as? Int, let b = s["end"] as? Int, let l = s["label"] as? String else {
                        return nil
                    }
                    return (a, b, l, s["text"] as? String ?? "")
                })
        }
    }

    /// What a corpus gives to training: all of it, except blind2's held-out third (ids multiples of 3), whose figure
    /// the floor tests keep as one for unseen text.
    static func trainingLines(_ name: String, _ lines: [Line]) -> [Line] {
        guard name == "blind2" else { return lines }
        return lines.filter { (Int($0.id.split(separator: "-").last ?? "") ?? 0) % 3 != 0 }
    }

    static func train(_ args: [String]) {
        let o = Options(args)
        var examples: [LabellerExample] = []
        for name in corpusNames { examples += trainingLines(name, load(name, dir: o.corpus)).map(\.example) }
        print(
            "train-labeller: \(examples.count) utterances from \(corpusNames.count) corpora, epochs \(o.epochs), seed \(o.seed)"
        )
        var labeller: SequenceLabeller?
        let s = Bench.seconds { labeller = SequenceLabeller.train(examples, epochs: o.epochs, seed: o.seed) }
        let bytes = labeller!.encoded()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: o.out))
        } catch {
            FileHandle.standardError.write(Data("convene-bench: could not write \(o.out): \(error)\n".utf8))
            exit(1)
        }
        print(
            "train-labeller: wrote \(o.out), \(bytes.count) bytes, content hash \(String(labeller!.contentHash, radix: 16)), "
                + String(format: "trained in %.1f s", s))
    }

    /// Overlap scores (a finding touching a gold span of the same label), per label and "ALL".
    struct Score {
        var predMatched = 0, preds = 0, goldMatched = 0, golds = 0
        var precision: Double { preds == 0 ? 1 : Double(predMatched) / Double(preds) }
        var recall: Double { golds == 0 ? 1 : Double(goldMatched) / Double(golds) }
    }

    /// Scores, and the labeller's own findings that no rule made: matched / all, by confidence.
    static func score(
        _ lines: [Line], _ scanner: IdentifierScanner, rules: IdentifierScanner?, labeller: SequenceLabeller? = nil,
        margins: inout [(Float, Bool)], recoverable: inout [String: Int], show: Bool = false
    ) -> (
        [String: Score], added: [String: (Int, Int)]
    ) {
        var scores: [String: Score] = [:]
        var added: [String: (Int, Int)] = [:]
        for line in lines {
            let own = labeller?.spans(line.text) ?? []
            let found = scanner.scan(line.text)
            let ruleFound = rules.map { $0.scan(line.text) } ?? found
            func hit(_ f: Finding, _ g: (start: Int, end: Int, label: String, text: String)) -> Bool {
                f.label.rawValue == g.label && f.span.start < g.end && g.start < f.span.end
            }
            for f in found {
                let ok = line.spans.contains { hit(f, $0) }
                for key in [f.label.rawValue, "ALL"] {
                    scores[key, default: Score()].preds += 1
                    if ok { scores[key]!.predMatched += 1 }
                }
                if rules != nil, !ruleFound.contains(f) {
                    let key = f.confidence.rawValue
                    added[key, default: (0, 0)].1 += 1
                    if ok { added[key]!.0 += 1 }
                    if let m = own.first(where: { $0.span.start <= f.span.start && f.span.end <= $0.span.end }) {
                        margins.append((m.margin, ok))
                    }
                    if show {
                        print(
                            "  \(ok ? "TP" : "FP") \(line.id) \(f.label.rawValue) “\(f.text)” \(f.confidence.rawValue)  in: \(line.text)"
                        )
                    }
                }
            }
            for g in line.spans {
                let ok = found.contains { hit($0, g) }
                // A gold span the scanner missed although the labeller's own runs tagged it with its label: counted
                // by what stopped it (a rule finding of another label or kind, or the checks), for the table's notes.
                if !ok, labeller != nil,
                    own.contains(where: {
                        $0.label.rawValue == g.label && $0.span.start < g.end && g.start < $0.span.end
                    })
                {
                    let other = found.first { $0.span.start < g.end && g.start < $0.span.end }
                    let why = other.map { "rule \($0.label.rawValue) \($0.confidence.rawValue)" } ?? "a check"
                    recoverable[why, default: 0] += 1
                    if show { print("  TAGGED BUT MISSED (\(why)) \(line.id) \(g.label) “\(g.text)” in: \(line.text)") }
                }
                for key in [g.label, "ALL"] {
                    scores[key, default: Score()].golds += 1
                    if ok { scores[key]!.goldMatched += 1 }
                }
            }
        }
        return (scores, added)
    }

    /// Each line of stdin: the labeller's own spans (before any rule or check) with their margins, then what the
    /// scanner finds, rules and labeller together: for looking at why a text is or is not found.
    static func spans() {
        guard let labeller = SequenceLabeller.shared else { exit(1) }
        let scanner = IdentifierScanner()
        while let line = readLine() {
            let scalars = Array(line.unicodeScalars)
            let own = labeller.spans(line).map {
                "\($0.label.rawValue) “\(String(String.UnicodeScalarView(scalars[$0.span.start..<$0.span.end])))” "
                    + String(format: "%.1f", $0.margin)
            }
            let found = scanner.scan(line).map { "\($0.label.rawValue) “\($0.text)” \($0.confidence.rawValue)" }
            print("\(line)\n  labeller: \(own.joined(separator: "; "))\n  scanner:  \(found.joined(separator: "; "))")
        }
    }

    static let reported = ["ALL", "PERSON", "LOCATION", "ORGANISATION_LOCAL", "AGE"]

    /// P/R per reported label.
    static func pairs(_ scores: [String: Score]) -> String {
        reported.map { String(format: "%.3f/%.3f", scores[$0]?.precision ?? 1, scores[$0]?.recall ?? 1) }
            .joined(separator: " | ")
    }

    static func row(_ name: String, _ rules: [String: Score], _ both: [String: Score]) -> String {
        var s = name.padding(toLength: 9, withPad: " ", startingAt: 0)
        for key in reported {
            let r = rules[key] ?? Score()
            let b = both[key] ?? Score()
            s += String(format: " | %.3f/%.3f → %.3f/%.3f", r.precision, r.recall, b.precision, b.recall)
        }
        return s
    }

    /// Leave-one-corpus-out: for each corpus, a labeller trained on the other eleven scores it beside the rules; the
    /// labeller's own runs are scored too, before any rule or check (where a feature that generalises shows first).
    static func crossValidate(_ args: [String]) {
        let o = Options(args)
        let corpora = corpusNames.map { ($0, load($0, dir: o.corpus)) }
        let rules = IdentifierScanner(labeller: nil)
        print(
            "labeller-cv: leave-one-corpus-out, epochs \(o.epochs), seed \(o.seed); overlap P/R, rules alone → rules + labeller"
        )
        print(
            "corpus    | "
                + reported.map { $0.padding(toLength: 25, withPad: " ", startingAt: 0) }.joined(separator: " | "))
        var totalRules: [String: Score] = [:]
        var totalBoth: [String: Score] = [:]
        var totalAdded: [String: (Int, Int)] = [:]
        var totalOwn: [String: Score] = [:]
        var margins: [(Float, Bool)] = []
        var unused: [(Float, Bool)] = []
        var recoverable: [String: Int] = [:]
        var unusedRecoverable: [String: Int] = [:]
        for (name, lines) in corpora {
            var examples: [LabellerExample] = []
            for (other, otherLines) in corpora where other != name {
                examples += trainingLines(other, otherLines).map(\.example)
            }
            let labeller = SequenceLabeller.train(examples, epochs: o.epochs, seed: o.seed)
            let both = IdentifierScanner(labeller: labeller)
            let (r, _) = score(lines, rules, rules: nil, margins: &unused, recoverable: &unusedRecoverable)
            let (b, added) = score(
                lines, both, rules: rules, labeller: labeller, margins: &margins, recoverable: &recoverable,
                show: o.show)
            print(row(name, r, b))
            // The labeller's own runs, before any rule or check: whether a feature generalises shows here first.
            var own: [String: Score] = [:]
            for line in lines {
                let spans = labeller.spans(line.text)
                for f in spans {
                    let ok = line.spans.contains {
                        $0.label == f.label.rawValue && f.span.start < $0.end && $0.start < f.span.end
                    }
                    for key in [f.label.rawValue, "ALL"] {
                        own[key, default: Score()].preds += 1
                        if ok { own[key]!.predMatched += 1 }
                    }
                }
                for g in line.spans where reported.contains(g.label) {
                    let ok = spans.contains {
                        $0.label.rawValue == g.label && $0.span.start < g.end && g.start < $0.span.end
                    }
                    for key in [g.label, "ALL"] {
                        own[key, default: Score()].golds += 1
                        if ok { own[key]!.goldMatched += 1 }
                    }
                }
            }
            for (k, v) in own {
                totalOwn[k, default: Score()].preds += v.preds
                totalOwn[k]!.predMatched += v.predMatched
                totalOwn[k]!.golds += v.golds
                totalOwn[k]!.goldMatched += v.goldMatched
            }
            print("  labeller alone: " + pairs(own))
            for (k, v) in r {
                totalRules[k, default: Score()].preds += v.preds
                totalRules[k]!.predMatched += v.predMatched
                totalRules[k]!.golds += v.golds
                totalRules[k]!.goldMatched += v.goldMatched
            }
            for (k, v) in b {
                totalBoth[k, default: Score()].preds += v.preds
                totalBoth[k]!.predMatched += v.predMatched
                totalBoth[k]!.golds += v.golds
                totalBoth[k]!.goldMatched += v.goldMatched
            }
            for (k, v) in added {
                totalAdded[k, default: (0, 0)].0 += v.0
                totalAdded[k]!.1 += v.1
            }
        }
        print(row("all", totalRules, totalBoth))
        print("  labeller alone, all: " + pairs(totalOwn))
        print(
            "gold spans missed although the labeller tagged them, by what stopped them: "
                + recoverable.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for key in ["likely", "possible"] {
            let (ok, n) = totalAdded[key] ?? (0, 0)
            print(
                "labeller's own findings, \(key): \(n), of which \(ok) touch a gold span of their label"
                    + (n > 0 ? String(format: " (precision %.3f)", Double(ok) / Double(n)) : ""))
        }
        // How precise the labeller's own findings are above each margin: where `likelyMargin` comes from.
        margins.sort { $0.0 < $1.0 }
        for q in stride(from: 0, to: 100, by: 10) where !margins.isEmpty {
            let rest = margins[(margins.count * q / 100)...]
            let ok = rest.filter(\.1).count
            print(
                String(
                    format: "  margin ≥ %8.2f: %4d findings, precision %.3f", rest.first!.0, rest.count,
                    Double(ok) / Double(rest.count)))
        }
        if let shipped = SequenceLabeller.shared {
            print("\nin sample (the shipped weights, trained on all of these corpora: overstates, not an estimate):")
            let both = IdentifierScanner(labeller: shipped)
            for (name, lines) in corpora {
                print(
                    row(
                        name, score(lines, rules, rules: nil, margins: &unused, recoverable: &unusedRecoverable).0,
                        score(lines, both, rules: nil, margins: &unused, recoverable: &unusedRecoverable).0))
            }
        }
    }

    /// Volatility: a labeller trained without corpus `--add` and one trained with it, both beside the rules on every
    /// development corpus; counts the findings either makes that the other does not (the corpus added is counted
    /// apart: what it changes there is what it was added for), and the labeller's own runs likewise.
    static func churn(_ args: [String]) {
        let o = Options(args)
        let corpora = corpusNames.map { ($0, load($0, dir: o.corpus)) }
        guard corpusNames.contains(o.add) else {
            FileHandle.standardError.write(Data("convene-bench: no corpus '\(o.add)'\n".utf8))
            exit(2)
        }
        var without: [LabellerExample] = []
        var with: [LabellerExample] = []
        for (name, lines) in corpora {
            let examples = trainingLines(name, lines).map(\.example)
            with += examples
            if name != o.add { without += examples }
        }
        let before = SequenceLabeller.train(without, epochs: o.epochs, seed: o.seed)
        let after = SequenceLabeller.train(with, epochs: o.epochs, seed: o.seed)
        let rules = IdentifierScanner(labeller: nil)
        let a = IdentifierScanner(labeller: before)
        let b = IdentifierScanner(labeller: after)
        print("labeller-churn: trained without \(o.add) (\(without.count) utterances) and with it (\(with.count))")
        for added in [false, true] {
            var labellerBefore = 0
            var lost = 0
            var gained = 0
            var lostGold = 0
            var gainedGold = 0
            var ownBefore = 0
            var ownLost = 0
            var ownGained = 0
            for (name, lines) in corpora where (name == o.add) == added {
                for line in lines {
                    let ruleFound = rules.scan(line.text)
                    func keys(_ found: [Finding]) -> Set<String> {
                        Set(
                            found.filter { !ruleFound.contains($0) }.map {
                                "\($0.label.rawValue) \($0.span.start) \($0.span.end)"
                            })
                    }
                    let x = keys(a.scan(line.text))
                    let y = keys(b.scan(line.text))
                    func gold(_ key: String) -> Bool {
                        let f = key.split(separator: " ")
                        let (start, end) = (Int(f[1])!, Int(f[2])!)
                        return line.spans.contains { $0.label == f[0] && start < $0.end && $0.start < end }
                    }
                    labellerBefore += x.count
                    lost += x.subtracting(y).count
                    gained += y.subtracting(x).count
                    lostGold += x.subtracting(y).filter(gold).count
                    gainedGold += y.subtracting(x).filter(gold).count
                    let ownX = Set(
                        before.spans(line.text).map { "\($0.label.rawValue) \($0.span.start) \($0.span.end)" })
                    let ownY = Set(
                        after.spans(line.text).map { "\($0.label.rawValue) \($0.span.start) \($0.span.end)" })
                    ownBefore += ownX.count
                    ownLost += ownX.subtracting(ownY).count
                    ownGained += ownY.subtracting(ownX).count
                }
            }
            print(
                (added ? "  on \(o.add) itself" : "  on the other corpora")
                    + ": labeller's findings beside the rules \(labellerBefore), lost \(lost) (\(lostGold) gold), "
                    + "gained \(gained) (\(gainedGold) gold); its own runs \(ownBefore), lost \(ownLost), gained \(ownGained)"
            )
        }
    }
}
