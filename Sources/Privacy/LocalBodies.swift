/// Local bodies named the way practitioners name them (session 14, `orgs10`): the secure estate by its own name
/// ("remanded to Polmont", "Wetherby's the young offenders"), a town's hospital named short ("Royal Preston",
/// "Wigan General never rings", "Kendal and District General"), and a name's own short form given in quotes
/// after it ("Ashdown Fairley, kids call it \"Fairley\""). Runs after the other cue rules, over their findings.
import Foundation
import SessionModel

extension ScanContext {
    mutating func findLocalBodies() {
        findSecureEstate()
        findHospitalsOfATown()
        findAliasesInQuotes()
        findForcesByTheirArea()
        findSaintsInLowerCase()
    }

    /// "mrs k at st cuthberts is a legend", "st oswalds are good with him": a saint's possessive typed in lower case
    /// without its apostrophe (a given name, or a word on no list, and its "s" after "st") is a church school or its
    /// like. Quiet: a town ("st helens", "st albans"), a street ("st johns road").
    mutating func findSaintsInLowerCase() {
        for i in tokens.indices.dropLast() where keys[i].equals("st") && !tokens[i].capitalised && !quiet[i] {
            let n = i + 1
            guard let w = tok(n), w.kind == .word, !w.capitalised, w.length >= 5, w.key.hasSuffix("s"), !quiet[n],
                !on([.town, .bigPlace], n), !isApostrophe(n + 1),
                gazetteer.multiWordTowns["st"]?.contains(where: { $0.count == 2 && $0[1] == w.key }) != true,
                gazetteer.isGiven(String(w.key.dropLast())) || gazetteer.isUnknown(w.key),
                !Vocab.streetHeads.contains(key(n + 1))
            else { continue }
            relabel(.organisationLocal, i, n)
        }
    }

    /// A police log's own words after the area whose force keeps it.
    static let forceLogWords = Vocab.set("log logs cad storm")

    /// "the Cumbria log was Log 5531": a county or town straight before a log is the force that keeps it. Quiet: "the
    /// police log", "an incident log", "the Cumbria file".
    mutating func findForcesByTheirArea() {
        for i in tokens.indices.dropLast() where info[i].capitalised && Self.forceLogWords.contains(keys[i + 1]) {
            guard tokens[i].kind == .word, on([.town, .bigPlace], i), !Vocab.countries.contains(keys[i]), !quiet[i],
                !tokens[i].sentenceStart || i == 0
            else { continue }
            relabel(.organisationLocal, i, i)
        }
    }

    /// Prisons, young offender institutions, secure training centres and secure children's homes known by their own
    /// name. A name that is no town's is the institution wherever it is written capitalised, or in lower case after
    /// a preposition; one that is also a town's (`Wetherby`, `Hindley`) only with a word of custody in the line.
    static let secureEstate: [[String]] = [
        ["cookham", "wood"], ["forest", "bank"], ["hydebank", "wood"], ["maghaberry"], ["barlinnie"], ["bar", "l"],
        ["bar", "-", "l"], ["polmont"], ["belmarsh"], ["pentonville"], ["wormwood", "scrubs"], ["strangeways"],
        ["brinsford"], ["swinfen", "hall"], ["deerbolt"], ["rainsbrook"], ["oakhill"], ["clayfields"], ["aycliffe"],
        ["adel", "beck"], ["kyloe", "house"], ["vinney", "green"], ["swanwick", "lodge"], ["aldine", "house"],
        ["barton", "moss"], ["hassockfield"], ["lincolnshire", "secure", "unit"], ["lincs", "su"], ["bronzefield"],
        ["styal"], ["thameside"], ["downview"], ["hindley"], ["wetherby"], ["werrington"], ["feltham"], ["medway"],
        ["parc"], ["low", "newton"], ["eastwood", "park"], ["askham", "grange"], ["foston", "hall"], ["drake", "hall"],
        ["high", "down"], ["hewell"], ["rye", "hill"], ["cornton", "vale"], ["addiewell"], ["magilligan"],
        ["stoke", "heath"],
    ]
    static let secureEstateByFirst: [String: [[String]]] = Dictionary(grouping: secureEstate, by: { $0[0] })
        .mapValues { $0.sorted { $0.count > $1.count } }
    /// Words that say the line is about custody.
    static let custodyWords = Vocab.set(
        """
        prison prisons jail gaol yoi yois hmp hmyoi stc stcs sch schs remand remanded custody custodial sentence
        sentenced secure inside locked released release dto offenders offender estate visits lifer bang banged
        """)
    /// Prepositions before a secure unit's name written in lower case ("the da's in maghaberry").
    static let secureEstateLeads = Vocab.set("in at to from into of out the")

    mutating func findSecureEstate() {
        var custodyCue: Bool?
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard gated[i], tokens[i].kind == .word, let names = Self.secureEstateByFirst[keys[i]], !quiet[i],
                !covered(i) || coveredByPlaceOrPerson(i)
            else { continue }
            for name in names {
                guard let e = matches(name, at: i) else { continue }
                // "Forest Bank Road", "Werrington Street": a street, not the prison.
                if Vocab.streetHeads.contains(key(e + 1)) || key(e + 1) == "-" { continue }
                if let n = tok(e + 1), n.kind == .word, n.capitalised, !n.sentenceStart, !n.allCaps { continue }
                let capitalised = (i...e).allSatisfy { tokens[$0].kind != .word || tokens[$0].capitalised }
                let lead = Self.secureEstateLeads.contains(key(i - 1))
                if name == ["bar", "l"] || name == ["bar", "-", "l"] {
                    guard key(i - 1) == "the" || capitalised else { continue }
                } else if !(capitalised || lead) {
                    continue
                }
                if name.count == 1, on([.town, .bigPlace], i) || on(.given, i) || on(.surname, i) {
                    if custodyCue == nil { custodyCue = keys.contains { Self.custodyWords.contains($0) } }
                    // "Wetherby, Hindley, Werrington": a list of them says what they are.
                    let listed =
                        key(i - 1) == "," && secureEstateEnd(at: i - 2) != nil
                        || key(e + 1) == "," && secureEstateEnd(at: e + 2) != nil
                    guard custodyCue == true || listed, capitalised || lead else { continue }
                    // "lives in Wetherby": where someone lives is the town.
                    if Vocab.placeVerbs.contains(key(i - 2)) { continue }
                }
                relabel(.organisationLocal, i, e)
                i = e
                break
            }
        }
    }

    /// The last token of a secure unit's name starting at token `i`, capitalised, or nil.
    func secureEstateEnd(at i: Int) -> Int? {
        guard i >= 0, i < tokens.count, tokens[i].capitalised, let names = Self.secureEstateByFirst[keys[i]] else {
            return nil
        }
        return names.lazy.compactMap { self.matches($0, at: i) }.first
    }

    /// Only a place or a possible person is found on token `i`.
    func coveredByPlaceOrPerson(_ i: Int) -> Bool {
        let t = info[i]
        return candidates.allSatisfy {
            !($0.start < t.end && t.start < $0.end)
                || ($0.label == .location || $0.label == .person) && !$0.sessionName
        }
    }

    /// After a hospital named short, what may follow: its department, or a verb ("Royal Preston ED", "Wigan
    /// General never rings").
    static let afterAHospital = Vocab.set(
        "ed a&e ae maternity never always has have had is was said rang rings called")

    /// "Royal Preston", "Wigan General never rings us", "at wigan gen", "Kendal and District General": a
    /// town's hospital named short. Quiet: "Royal Leamington Spa" (a town), "Leeds General Election", "the Royal
    /// Mail", "in general".
    mutating func findHospitalsOfATown() {
        for i in tokens.indices where keys[i].isOne(of: ["royal", "general", "gen"]) {
            if quiet[i] { continue }
            if keys[i].equals("royal") {
                guard tokens[i].capitalised, let t = tok(i + 1), t.kind == .word, t.capitalised,
                    on([.town, .bigPlace], i + 1), !Vocab.countries.contains(t.key), !quiet[i + 1]
                else { continue }
                if let n = tok(i + 2), n.kind == .word, n.capitalised, !n.allCaps { continue }
                // "Royal Leamington Spa", "Royal Wootton Bassett": a town's own name.
                if gazetteer.multiWordTowns["royal"]?.contains(where: { matches($0, at: i) != nil }) == true {
                    continue
                }
                relabel(.organisationLocal, i, i + 1)
                continue
            }
            let p = i - 1
            guard let t = tok(p), t.kind == .word, !quiet[p] else { continue }
            let lead = inSet(.placePrepositions, p - 1)
            // "Kendal and District General".
            if t.key == "district", tokens[i].capitalised, key(p - 1) == "and", on([.town, .bigPlace], p - 2) {
                relabel(.organisationLocal, p - 2, i)
                continue
            }
            guard on([.town, .bigPlace], p) || t.capitalised && onNoList(p) && !t.sentenceStart,
                !Vocab.countries.contains(t.key)
            else { continue }
            if !tokens[i].capitalised || !t.capitalised {
                // Lower case only as "at wigan gen", after a place preposition, a town before.
                guard lead, on([.town, .bigPlace], p), !t.capitalised, !tokens[i].capitalised else { continue }
            } else if lead {
                continue // "at Leeds General": findHospitalsNamedShort's.
            }
            if let n = tok(i + 1) {
                let ok =
                    n.kind == .punct && n.text != "-" && n.text != "'" && n.text != "’"
                    || Self.afterAHospital.contains(n.key) || Vocab.functionWords.contains(n.key) && !n.capitalised
                if !ok { continue }
            }
            if t.sentenceStart, !lead { continue }
            relabel(.organisationLocal, p, i)
        }
    }

    /// "Ashdown Fairley, kids call it \"Fairley\"", "Saint Brennock Academy in Chorley, \"SBA\"", "Moor Top Academy
    /// Kendal (kids say \"Moor Top\")": one to three words in quotes soon after an organisation found, made of
    /// its own words or its initials, are its short name, and so an organisation too. Quiet: a quote of other words
    /// ("Fairley, she said \"Fine\""), a quote far from the name.
    /// The quote marks `findAliasesInQuotes` reads (built once: a set literal in the function was built and freed on
    /// every scan).
    static let aliasQuotes: Set<String> = ["\"", "“", "”"]

    mutating func findAliasesInQuotes() {
        let quotes = Self.aliasQuotes
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            guard tokens[i].kind == .punct, quotes.contains(tokens[i].text) else { continue }
            var e = i + 1
            while e < tokens.count, e - i <= 4, !quotes.contains(tokens[e].text) { e += 1 }
            guard e < tokens.count, quotes.contains(tokens[e].text), e - i >= 2, e - i <= 4 else { continue }
            let inner = Array((i + 1)..<e)
            guard inner.allSatisfy({ tokens[$0].kind == .word && tokens[$0].capitalised && !quiet[$0] }),
                inner.contains(where: { !covered($0) || coveredByPlaceOrPerson($0) })
            else {
                i = e - 1
                continue
            }
            let quoteStart = info[i].start
            // The organisation found nearest before, within eight tokens.
            let window = max(0, i - 12)
            guard
                let org = candidates.filter({ $0.label == .organisationLocal && $0.end <= quoteStart })
                    .max(by: { $0.end < $1.end }),
                org.end >= info[window].start
            else {
                i = e - 1
                continue
            }
            let orgTokens = tokens.indices.filter {
                org.start <= info[$0].start && info[$0].end <= org.end && tokens[$0].kind == .word
            }
            let orgKeys = Set(orgTokens.map { keys[$0] })
            let initials = String(
                orgTokens.filter { tokens[$0].capitalised && !Vocab.functionWords.contains(keys[$0]) }
                    .compactMap { keys[$0].first })
            let ownWords = inner.allSatisfy { orgKeys.contains(keys[$0]) }
            let alias =
                inner.count == 1 && tokens[inner[0]].allCaps && keys[inner[0]].count >= 2
                && initials.hasPrefix(keys[inner[0]])
            // No sentence between the name and its quote.
            let between = tokens.indices.filter { info[$0].start >= org.end && $0 < i }
            if between.contains(where: { [".", "!", "?"].contains(tokens[$0].text) }) { continue }
            guard ownWords || alias, inner.count < orgTokens.count || alias else { continue }
            relabel(.organisationLocal, inner[0], inner[inner.count - 1])
            i = e
        }
    }
}
