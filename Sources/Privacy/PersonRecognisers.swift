/// Recognisers for people: the session's own names (any case, any accents,
/// whole or in part), titles ("Mrs Okafor", "PC Jones"), names after a
/// relationship or naming cue ("her son Tyler", "a lad called jayden"), and
/// the bundled gazetteer, where names that are also words (Amber, Grace,
/// Will) need context: capitalised mid-sentence, or followed by "said".
import Foundation
import SessionModel

extension ScanContext {
    static let chatWords = Vocab.set("im ive id dont cant wont thats youre theyre shes hes whats gonna wanna gotta kinda sorta cos coz cuz tho thru ur bc bcos pls plz thx ty np idk tbf ngl asap imho irl omw brb ikr smh wtf lmao rofl haha hahaha xx xxx innit yeah yh ye nah")

    /// Words after "called" that are not a name ("a lad called back").
    static let afterCalled = Vocab.set("back out round up off in on over by for about again everyone everybody someone somebody nobody us police ambulance time")

    func notAName(_ i: Int) -> Bool {
        let k = key(i)
        return Vocab.notNames.contains(k) || Self.chatWords.contains(k) || Vocab.roles.contains(k) || quiet[i]
    }

    /// A capitalised word that can be a name after a cue (not a role, month, tool or acronym).
    func nameAfterCue(_ i: Int) -> Bool {
        guard let t = tok(i), t.kind == .word, t.text.count >= 2, !notAName(i) else { return false }
        if t.capitalised { return !t.allCaps || gazetteer.isGiven(t.key) }
        return gazetteer.isGiven(t.key) && !gazetteer.isAmbiguous(t.key)
    }

    /// The end of a name starting at `i`: a surname (or second name) may follow.
    func extendName(_ i: Int) -> Int {
        var e = i
        var added = 0
        while added < 2, let n = tok(e + 1) {
            if n.kind == .punct {
                // "Smith-Jones", "O'Neill"
                if (n.text == "-" || n.text == "'" || n.text == "’"), !n.spaceBefore, let m = tok(e + 2), !m.spaceBefore, m.kind == .word, m.capitalised {
                    e += 2; continue
                }
                break
            }
            guard n.kind == .word, n.start - tokens[e].end == 1, !notAName(e + 1), !n.allCaps else { break }
            if n.capitalised {
                if tokens[i].capitalised || gazetteer.isSurname(n.key) {
                    if Vocab.streetHeads.contains(n.key) || Vocab.orgHeads.contains(n.key) { break }
                    e += 1; added += 1; continue
                }
            } else if !tokens[i].capitalised, gazetteer.surnames.contains(n.key), !gazetteer.isAmbiguous(n.key) {
                e += 1; added += 1; continue
            }
            break
        }
        return e
    }

    /// "Connor was 16": the age of a named person.
    mutating func findAgesOfPeople() {
        let people = candidates.filter { $0.label == .person }
        for p in people {
            guard let last = tokens.lastIndex(where: { $0.end == p.end }) else { continue }
            var j = last + 1
            if ["'", "’"].contains(key(j)), key(j + 1) == "s" { j += 2 } else if ["is", "was"].contains(key(j)) { j += 1 } else { continue }
            if ["only", "just", "about", "barely"].contains(key(j)) { j += 1 }
            guard let v = ageValue(j), (1...25).contains(v), !covered(j) else { continue }
            if let next = tok(j + 1), Self.ageUnits.contains(next.key), next.key != "." && next.key != "and" { continue }
            add(.age, tokens: j, j)
        }
    }

    mutating func findPeople(sessionNames: [String: [[String]]]) {
        defer { findAgesOfPeople() }
        var i = 0
        while i < tokens.count {
            defer { i += 1 }
            let t = tokens[i]
            guard t.kind == .word || t.kind == .alnum else { continue }
            // The session's own names: always, any case.
            if let names = sessionNames[t.key] {
                var hit: Int?
                for n in names { if let e = matches(n, at: i) { hit = e; break } }
                if let e = hit, standalone(i, e) { add(.person, tokens: i, e); i = e; continue }
            }
            if quiet[i] || covered(i) { continue }
            let k = t.key
            // Titles: "Mrs Okafor", "Dr. Patel", "PC Jones".
            if Vocab.titles.contains(k), t.capitalised || ["mrs", "mr", "ms"].contains(k) {
                var j = i + 1
                if key(j) == ".", !tokens[j].spaceBefore { j += 1 }
                if let n = tok(j), n.kind == .word, !notAName(j), n.capitalised || gazetteer.isSurname(n.key) {
                    if ["pc", "dc", "ds", "di", "dci", "dcs"].contains(k) && !t.allCaps { continue }
                    if k == "miss" && !n.capitalised { continue }
                    let e = extendName(j)
                    add(.person, tokens: i, e); i = e; continue
                }
            }
            // After a relationship word: "her son Tyler", "my colleague dave", "mum, Sharon,".
            if Vocab.relations.contains(k) || (k == "young" && key(i + 1) == "person") {
                var j = i + 1
                if k == "young" { j += 1 }
                if key(j) == "," || key(j) == "-" || key(j) == "–" { j += 1 }
                if Vocab.namingCues.contains(key(j)) { j += 1 }
                if nameAfterCue(j), tokens[j].capitalised || !gazetteer.isAmbiguous(key(j)) {
                    if tokens[j].capitalised && tokens[j].sentenceStart { continue }
                    let e = extendName(j)
                    add(.person, tokens: j, e); i = e; continue
                }
            }
            // After a naming cue: "called Amber", "a lad called jayden", "her name is kayla", "known as Smurf".
            var cueNext: Int?
            if Vocab.namingCues.contains(k) { cueNext = ["him", "her", "himself", "herself", "them"].contains(key(i + 1)) ? i + 2 : i + 1 }
            else if k == "name", ["is", "was"].contains(key(i + 1)) { cueNext = i + 2 }
            else if k == "name", key(i + 1) == "'" || key(i + 1) == "’", key(i + 2) == "s" { cueNext = i + 3 }
            else if k == "known", key(i + 1) == "as" { cueNext = i + 2 }
            else if k == "goes", key(i + 1) == "by" { cueNext = i + 2 }
            else if ["call", "calls", "called", "calling"].contains(k), ["him", "her", "himself", "herself", "them"].contains(key(i + 1)) { cueNext = i + 2 }
            if let j = cueNext, let n = tok(j), n.kind == .word, !notAName(j) {
                let personBefore = Vocab.personNouns.contains(key(i - 1)) || Vocab.relations.contains(key(i - 1)) || k == "name"
                let everyday = Self.afterCalled.contains(n.key)
                if n.capitalised && (!n.allCaps || gazetteer.isGiven(n.key)) || gazetteer.isGiven(n.key) && (personBefore || !gazetteer.isAmbiguous(n.key)) || personBefore && n.text.count >= 3 && !everyday {
                    let e = extendName(j)
                    add(.person, tokens: j, e); i = e; continue
                }
            }
            // "the Smith family", "the Okafors".
            if t.capitalised, key(i - 1) == "the", ["family", "families", "household", "brothers", "sisters", "twins", "kids", "boys", "girls"].contains(key(i + 1)),
               gazetteer.isSurname(k), !notAName(i), !t.sentenceStart {
                add(.person, tokens: i, i); continue
            }
            // The gazetteer.
            guard t.kind == .word, t.text.count >= 2, !notAName(i), !t.allCaps || t.text.count > 3 && gazetteer.isGiven(k) && tok(i + 1)?.allCaps == true else { continue }
            let isGiven = gazetteer.isGiven(k)
            let ambiguous = gazetteer.isAmbiguous(k)
            if isGiven && !ambiguous {
                if !t.capitalised && t.text.count < 3 { continue }
                // A capitalised name-word glued into something else (a handle, a URL) is left to those recognisers.
                let e = extendName(i)
                add(.person, tokens: i, e); i = e; continue
            }
            if isGiven && ambiguous && t.capitalised {
                let next = key(i + 1)
                let possessive = (next == "'" || next == "’") && key(i + 2) == "s"
                let strong = Vocab.strongVerbs.contains(next) || possessive
                let weak = Vocab.weakVerbs.contains(next)
                let midSentence = !t.sentenceStart && !(tok(i - 1).map { $0.kind == .punct && ":\"“(-–•*>".contains($0.text) } ?? false)
                if strong || (midSentence && (weak || !(tok(i + 1)?.capitalised ?? false) || gazetteer.isSurname(next))) {
                    let e = extendName(i)
                    add(.person, tokens: i, e); i = e; continue
                }
            }
        }
    }
}
